import ShipshapeCore
/// SWARM-RESTORE-DRILL: a restore drill recorded within the policy's days (default 90); `f`
/// records one once it was done (with who and when).
public struct SwarmRestoreDrillRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-RESTORE-DRILL", title: "A restore drill is recorded within 90 days", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Data integrity and disaster recovery"),
        rationale: "MedStack cannot see inside your backups: schedule restore tests and validate backups and the recovery plan every 1–3 months."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "backups") { _ in
            [drillFinding(state, maxAgeDays: policy.swarmDrillMaxAgeDays, subject: "backups")]
        }
    }
}
