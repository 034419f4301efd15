import ShipshapeCore
/// SWARM-WORKER-SIZE: workers meet the production size.
public struct SwarmWorkerSizeRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-WORKER-SIZE", title: "Workers meet the production size", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Resources"),
        rationale: "MedStack's production node sizes start at Large (2 vCPU, 8 GB); smaller workers suit staging only. The policy sets the size (default 2 CPU, 8 GiB)."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "workers") { swarm in
            guard !swarm.workers.isEmpty else {
                return [finding(.notApplicable, subject: "workers", "the swarm has no worker nodes (see SWARM-MULTINODE)")]
            }
            return swarm.workers.map { node in
                let subject = swarm.label(for: node)
                switch SwarmNodeSize.check(node, minCPUs: policy.swarmWorkerMinCPUs, minMemory: policy.swarmWorkerMinMemoryBytes) {
                case .meets(let text): return finding(.pass, subject: subject, text)
                case .below(let text): return finding(.fail, subject: subject, "\(text); resize the worker or replace it (by hand)")
                case .unknown: return finding(.manual, subject: subject, "the node reports no CPU or memory figures; check its size by hand")
                }
            }
        }
    }
}
