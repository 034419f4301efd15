import ShipshapeCore

/// Changes how a service replaces its tasks on an update: Swarm's `--update-order
/// start-first|stop-first` (start-first keeps the old task serving until the new one runs).
public protocol RolloutOrdering: PlatformAdapter {
    func planUpdateOrder(service: String, from: String, to: String, _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
