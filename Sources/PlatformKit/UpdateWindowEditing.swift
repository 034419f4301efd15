import ShipshapeCore

/// Edits the windows in which the platform installs its own updates (Deckhouse's
/// `update.windows`).
public protocol UpdateWindowEditing: PlatformAdapter {
    /// The windows as the cluster stores them, from a state; a refusal says why they cannot be
    /// edited yet (not read, unreadable).
    func updateWindows(in state: ClusterState?) -> Result<[UpdateWindowSpec], FixRefusal>
    func planWindow(_ window: UpdateWindowSpec, existing: [UpdateWindowSpec], adding: Bool, _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
