import ShipshapeCore

/// Takes a node out of service and back: Swarm's drain/activate, Kubernetes' cordon and
/// drain. k9s' `dao.NodeMaintainer`.
public protocol NodeMaintenance: PlatformAdapter {
    /// `from`/`to` are the platform's own availability words (`active`, `drain`, `pause`).
    func planAvailability(node: String, from: String, to: String, _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
