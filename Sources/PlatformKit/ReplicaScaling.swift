import ShipshapeCore

/// Sets a workload's replica count: deis-router on Workflow (`kubectl scale`) and on Deis v1
/// (`deisctl scale router=N`). k9s' `dao.Scalable`.
public protocol ReplicaScaling: PlatformAdapter {
    func planScale(workload: String, from: Int, to: Int, _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
