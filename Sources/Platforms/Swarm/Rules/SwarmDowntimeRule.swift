import ShipshapeCore
/// SWARM-DOWNTIME: a replicated service keeps serving through an update or the loss of a node:
/// at least two replicas, and updates that start the new task before the old one stops.
public struct SwarmDowntimeRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-DOWNTIME", title: "Services run 2+ replicas and update start-first", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Reducing Deployment Downtime"),
        rationale: "With one replica, every deploy and every node reboot stops the service; with docker's default stop-first order the old task stops before its replacement runs. Run at least 2 replicas and update with --update-order start-first."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "services") { swarm in
            let replicated = swarm.services.filter { $0.desiredReplicas != nil }
            guard !replicated.isEmpty else {
                return [finding(.notApplicable, subject: "services", "no replicated service (global services run one task per node)")]
            }
            let want = policy.swarmMinServiceReplicas
            return replicated.map { service in
                let replicas = service.desiredReplicas ?? 0
                let order = service.effectiveUpdateOrder
                var problems: [String] = []
                if replicas < want { problems.append("\(replicas) replica(s), want at least \(want) (docker service scale \(service.name)=\(want), by hand)") }
                let stopFirst = order != "start-first"
                if stopFirst { problems.append("updates \(order)\(service.updateOrder == nil ? " (docker's default)" : ""): the old task stops before the new one runs") }
                guard !problems.isEmpty else {
                    return finding(.pass, subject: service.name, "\(replicas) replicas, updates start-first")
                }
                return finding(.fail, subject: service.name, problems.joined(separator: "; "),
                               fix: stopFirst ? .setUpdateOrder(service: service.name, from: order, to: "start-first") : nil)
            }
        }
    }
}
