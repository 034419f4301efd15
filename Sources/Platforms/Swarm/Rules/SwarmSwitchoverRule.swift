import ShipshapeCore
/// SWARM-SWITCHOVER: the production switchover checklist. Nothing in docker shows
/// whether it was done, so it stays a manual finding that names the steps.
public struct SwarmSwitchoverRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-SWITCHOVER", title: "Production switchover checklist is done", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Production switchover"),
        rationale: "Before moving production: test restoring a database dump into the new environment, point the DNS A record at the manager 48 hours ahead (the load balancer is pinned to the manager), and announce a maintenance window of at least 2 hours."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "switchover") { swarm in
            let addresses = swarm.managers.map { "\(swarm.label(for: $0)) \($0.address)" }.joined(separator: ", ")
            return [finding(.manual, subject: "switchover",
                            "confirm by hand: (1) a database dump restored here, (2) the DNS A record points at the manager (\(addresses)) 48 h ahead, (3) a 2-hour maintenance window announced")]
        }
    }
}
