import ShipshapeCore
/// SWARM-CRITICAL-NODE: no node is the only place a service can run. Placement constraints
/// are matched against every Ready node (drained ones included: a drain is maintenance, not
/// design); a service only one node can take stops when that node does.
public struct SwarmCriticalNodeRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-CRITICAL-NODE", title: "No node is the only place a service can run", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Architect and plan effectively to avoid surprises"),
        rationale: "If a single node is so critical that rebooting it or scheduling maintenance feels impossible, reconsider the design: let at least two nodes satisfy each service's placement constraints, or plan its recovery."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "nodes") { swarm in
            guard !swarm.services.isEmpty else {
                return [finding(.notApplicable, subject: "nodes", "the swarm runs no service")]
            }
            var onlyPlace: [String: [String]] = [:]
            for service in swarm.services {
                let constraints = service.constraints.compactMap(SwarmConstraint.init)
                let places = swarm.nodes.filter { node in node.isReady && constraints.allSatisfy { $0.matches(node) ?? true } }
                guard places.count == 1 else { continue }
                let why = service.constraints.isEmpty ? "no constraint; the only Ready node" : service.constraints.joined(separator: ", ")
                onlyPlace[places[0].id, default: []].append("\(service.name) (\(why))")
            }
            guard !onlyPlace.isEmpty else {
                return [finding(.pass, subject: "nodes", "every service can run on at least 2 Ready nodes (\(swarm.services.count) service(s))")]
            }
            return swarm.nodes.compactMap { node in
                guard let services = onlyPlace[node.id] else { return nil }
                return finding(.fail, subject: swarm.label(for: node),
                               "the only node that can run \(services.joined(separator: ", ")): losing or rebooting it stops them; let a second node satisfy the constraint (e.g. docker node update --label-add on another node), by hand")
            }
        }
    }
}
