import ShipshapeCore

/// Approves a platform release that waits for an operator (Deckhouse's `DeckhouseRelease`
/// in manual update mode), or withdraws the approval while the release still waits.
public protocol ReleaseApproving: PlatformAdapter {
    func planApproval(release: String, version: String, approve: Bool, _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
