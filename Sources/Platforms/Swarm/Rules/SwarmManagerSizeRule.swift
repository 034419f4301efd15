import ShipshapeCore
/// SWARM-MANAGER-SIZE: managers are at least medium nodes.
public struct SwarmManagerSizeRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-MANAGER-SIZE", title: "Managers are at least medium nodes", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Go to Production"),
        rationale: "The manager orchestrates Docker; when its resources run out, scheduling and MedStack Control slow down and web services can become unavailable. Run managers of at least the policy size (default 2 CPU, 4 GiB)."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "managers") { swarm in
            swarm.managers.map { node in
                let subject = swarm.label(for: node)
                switch SwarmNodeSize.check(node, minCPUs: policy.swarmManagerMinCPUs, minMemory: policy.swarmManagerMinMemoryBytes) {
                case .meets(let text): return finding(.pass, subject: subject, text)
                case .below(let text): return finding(.fail, subject: subject, "\(text); resize the manager (by hand)")
                case .unknown: return finding(.manual, subject: subject, "the node reports no CPU or memory figures; check its size by hand")
                }
            }
        }
    }
}
