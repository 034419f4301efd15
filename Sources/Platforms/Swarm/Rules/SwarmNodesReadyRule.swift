import ShipshapeCore
/// SWARM-NODES-READY: every node is Ready and active, every manager reachable. A Ready node
/// that is drained or paused is offered `activate` (its inverse drains it again). Its own id:
/// it decides more than Kubernetes' NODES-READY (availability, manager reachability), and one
/// id means one rule in every report and suppression.
public struct SwarmNodesReadyRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-NODES-READY", title: "Every Swarm node is Ready and active", severity: .error, platforms: [.swarm],
        seed: "all — nodes must be healthy before anything else counts",
        rationale: "A node that is down, drained or paused takes no tasks; capacity and redundancy are lower than the node count suggests. An unreachable manager weakens the Raft quorum."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "nodes") { swarm in
            var findings: [Finding] = []
            for node in swarm.nodes {
                let subject = swarm.label(for: node)
                if !node.isReady {
                    findings.append(finding(.fail, subject: subject, "is \(node.state), not ready"))
                } else if !node.isActive {
                    findings.append(finding(.fail, subject: subject, "Ready but \(node.availability): it takes no new tasks",
                                            fix: .setNodeAvailability(node: node.id, from: node.availability, to: "active")))
                } else if node.role == .manager, let reach = node.reachability, reach != "reachable" {
                    findings.append(finding(.fail, subject: subject, "manager is \(reach)"))
                }
            }
            return findings.isEmpty ? [finding(.pass, subject: "nodes", "all \(swarm.nodes.count) node(s) Ready and active")] : findings
        }
    }
}
