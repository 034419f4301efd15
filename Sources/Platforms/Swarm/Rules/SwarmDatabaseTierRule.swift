import ShipshapeCore
/// SWARM-DB-TIER: production databases on MedStack's general-purpose tier. The database tier is
/// bought in MedStack Control, outside docker: a manual check, marked done with who and when.
public struct SwarmDatabaseTierRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-DB-TIER", title: "Databases run on the general-purpose tier", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Go to Production"),
        rationale: "MedStack recommends general purpose tier databases for production (2 vCPU/10 GB or 4 vCPU/20 GB); smaller tiers suit staging only."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "databases") { _ in
            [finding(.manual, subject: "databases",
                     "confirm by hand in MedStack Control that the production databases are on the general purpose tier (2 vCPU / 10 GB or larger); m marks it done")]
        }
    }
}
