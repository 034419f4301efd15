import ShipshapeCore
import SwarmRules

/// Swarm changes worth a line in Activity: a node going down or coming back, drained or made
/// active again; a service's replica count changed, or its running tasks.
public enum SwarmEvents {
    public static func events(_ old: ClusterState, _ new: ClusterState, _ make: WatchEvent.Make) -> [WatchEvent] {
        guard let before = old.swarm.value, let after = new.swarm.value else { return [] }
        var events: [WatchEvent] = []
        let oldNodes = Dictionary(before.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for node in after.nodes {
            guard let was = oldNodes[node.id] else { events.append(make(.nodeAdded, node.hostname, "joined the swarm", nil)); continue }
            if was.isReady, !node.isReady { events.append(make(.nodeNotReady, node.hostname, "\(was.state) → \(node.state)", nil)) }
            if !was.isReady, node.isReady { events.append(make(.nodeReady, node.hostname, "\(was.state) → \(node.state)", nil)) }
            if was.availability != node.availability {
                events.append(make(.replicasChanged, node.hostname, "availability \(was.availability) → \(node.availability)", nil))
            }
        }
        let current = Set(after.nodes.map(\.id))
        for node in before.nodes where !current.contains(node.id) { events.append(make(.nodeRemoved, node.hostname, "left the swarm", nil)) }
        let oldServices = Dictionary(before.services.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for service in after.services {
            guard let was = oldServices[service.name] else { continue }
            if case .replicated(let from) = was.mode, case .replicated(let to) = service.mode, from != to {
                events.append(make(.replicasChanged, service.name, "desired replicas \(from) → \(to)", nil))
                continue
            }
            let running = (before.tasks(of: service.name).count, after.tasks(of: service.name).count)
            if running.0 != running.1 {
                events.append(make(.replicasChanged, service.name, "running tasks \(running.0) → \(running.1)", nil))
            }
        }
        return events
    }
}
