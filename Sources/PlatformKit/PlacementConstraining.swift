import ShipshapeCore

/// Adds or removes a placement constraint on a service (Swarm's `--constraint-add`).
public protocol PlacementConstraining: PlatformAdapter {
    func planConstraint(service: String, constraint: String, adding: Bool, _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
