import ShipshapeCore
/// NODES-READY: every node reports Ready. One finding per node that is not.
public struct NodesReadyRule: Rule {
    public let info = RuleInfo(
        id: "NODES-READY", title: "Every node is Ready", severity: .error, platforms: [],
        seed: "all — nodes must be healthy before anything else counts",
        rationale: "A node that is not Ready takes no new work and its pods are evicted; capacity and redundancy are lower than they look."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let k = state.kubernetes
        if let error = k.nodes.error { return [unreadable(error, subject: "nodes")] }
        guard let nodes = k.nodes.value else { return [] }
        let bad = nodes.filter { $0.ready != true }
        if bad.isEmpty { return [finding(.pass, subject: "nodes", "all \(nodes.count) node(s) Ready")] }
        return bad.map { node in
            finding(.fail, subject: node.name, node.ready == nil ? "reports no Ready condition" : "is NotReady")
        }
    }
}
