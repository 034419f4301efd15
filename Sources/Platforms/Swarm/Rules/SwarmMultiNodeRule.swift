import ShipshapeCore
/// SWARM-MULTINODE: production runs on several nodes, with at least two workers.
public struct SwarmMultiNodeRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-MULTINODE", title: "The swarm has several nodes and at least 2 workers", severity: .error, platforms: [.swarm],
        seed: SwarmSeed.section("Go to Production"),
        rationale: "MedStack recommends multiple nodes for production: a medium-or-larger manager and at least 2 medium workers. On one node, or one worker, any node failure or reboot stops the applications."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "swarm") { swarm in
            let counts = "\(swarm.nodes.count) node(s): \(swarm.managers.count) manager(s), \(swarm.workers.count) worker(s)"
            if swarm.nodes.count > 1 && swarm.workers.count >= 2 {
                return [finding(.pass, subject: "swarm", counts)]
            }
            return [finding(.fail, subject: "swarm",
                            "\(counts); add workers until there are at least 2 (docker swarm join-token worker, then docker swarm join on each new node)")]
        }
    }
}
