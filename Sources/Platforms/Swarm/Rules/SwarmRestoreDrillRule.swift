import ShipshapeCore
/// SWARM-RESTORE-DRILL: a restore drill within 90 days. Drill records belong to the
/// records/backups work that is not built yet, so for now this is a manual check
/// and the finding says so.
public struct SwarmRestoreDrillRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-RESTORE-DRILL", title: "A restore drill is recorded within 90 days", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Data integrity and disaster recovery"),
        rationale: "MedStack cannot see inside your backups: schedule restore tests and validate backups and the recovery plan every 1–3 months."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "backups") { _ in
            [drillFinding(state, maxAgeDays: 90, subject: "backups")]
        }
    }
}
