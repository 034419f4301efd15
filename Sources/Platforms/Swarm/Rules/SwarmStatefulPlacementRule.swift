import ShipshapeCore
/// SWARM-STATEFUL-PLACEMENT: a service that keeps data on a node is pinned to
/// labelled nodes, so the scheduler cannot start it where its data is not.
public struct SwarmStatefulPlacementRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-STATEFUL-PLACEMENT", title: "Stateful services are pinned by a node label", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Go to Production"),
        rationale: "A service with volumes keeps its data on one node. Without a constraint such as node.labels.database == true, and that label on the node, a reschedule starts it on another node, without its data — or, with the constraint but no labelled node, nowhere."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "services") { swarm in
            let stateful = swarm.services.filter { $0.mounts.contains { $0.type == "volume" || $0.type == "bind" } }
            guard !stateful.isEmpty else {
                return [finding(.notApplicable, subject: "services", "no service mounts a volume or a host path")]
            }
            return stateful.map { service in
                let pins = service.constraints.compactMap(SwarmConstraint.init).filter(\.isNodeLabelPin)
                if !pins.isEmpty {
                    let text = pins.map { "\($0.key)==\($0.value)" }.joined(separator: ", ")
                    let carriers = swarm.nodes.filter { node in pins.allSatisfy { $0.matches(node) == true } }
                    if carriers.isEmpty {
                        let label = pins.map { "\($0.key.dropFirst("node.labels.".count))=\($0.value)" }.joined(separator: " ")
                        return finding(.fail, subject: service.name,
                                       "pinned by \(text), but no node carries that label: its tasks cannot start; by hand: docker node update --label-add \(label) NODE")
                    }
                    return finding(.pass, subject: service.name, "pinned by \(text) to \(carriers.map(swarm.label(for:)).joined(separator: ", "))")
                }
                let host = service.mounts.first { $0.type == "volume" || $0.type == "bind" }.map { "\($0.type) \($0.source) → \($0.target)" } ?? ""
                return finding(.fail, subject: service.name,
                               "keeps data (\(host)) but has no node label constraint; by hand: docker node update --label-add database=true NODE, then docker service update --constraint-add node.labels.database==true \(service.name)")
            }
        }
    }
}
