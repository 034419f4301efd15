import Foundation

/// Turns two consecutive snapshots into events. Pure: tested with plain values.
/// Only what an operator would want in a log — no event when nothing changed.
public enum StateDiffer {
    public static func events(from old: Snapshot, to new: Snapshot, at time: Date = Date()) -> [WatchEvent] {
        let target = new.state.target.kube?.context ?? new.state.target.name
        func event(_ kind: WatchEvent.Kind, _ subject: String, _ text: String, _ severity: Severity? = nil) -> WatchEvent {
            WatchEvent(time: time, target: target, kind: kind, subject: subject, text: text, severity: severity)
        }
        var events: [WatchEvent] = []
        events += nodeEvents(old.state.kubernetes.nodes.value, new.state.kubernetes.nodes.value, event)
        events += replicaEvents(old.state.kubernetes.deployments.value, new.state.kubernetes.deployments.value, event)
        events += probeEvents(old.state.failures, new.state.failures, event)
        events += EtcdEvents.events(old.state, new.state, event)
        events += findingEvents(old.findings, new.findings, event)
        return events
    }

    typealias Make = (WatchEvent.Kind, String, String, Severity?) -> WatchEvent

    static func nodeEvents(_ old: [KubeNode]?, _ new: [KubeNode]?, _ make: Make) -> [WatchEvent] {
        guard let old, let new else { return [] }
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var events: [WatchEvent] = []
        for node in new {
            guard let previous = before[node.name] else { events.append(make(.nodeAdded, node.name, "joined", nil)); continue }
            if previous.ready == true, node.ready != true { events.append(make(.nodeNotReady, node.name, "Ready → NotReady", nil)) }
            if previous.ready != true, node.ready == true { events.append(make(.nodeReady, node.name, "NotReady → Ready", nil)) }
        }
        for node in old where after[node.name] == nil { events.append(make(.nodeRemoved, node.name, "left the cluster", nil)) }
        return events
    }

    static func replicaEvents(_ old: [KubeDeployment]?, _ new: [KubeDeployment]?, _ make: Make) -> [WatchEvent] {
        guard let old, let new else { return [] }
        let before = Dictionary(old.map { ("\($0.namespace)/\($0.name)", $0) }, uniquingKeysWith: { a, _ in a })
        return new.compactMap { deployment in
            let key = "\(deployment.namespace)/\(deployment.name)"
            guard let previous = before[key] else { return nil }
            if previous.desiredReplicas != deployment.desiredReplicas {
                return make(.replicasChanged, key, "desired replicas \(previous.desiredReplicas) → \(deployment.desiredReplicas)", nil)
            }
            if previous.readyReplicas != deployment.readyReplicas {
                return make(.replicasChanged, key, "ready replicas \(previous.readyReplicas) → \(deployment.readyReplicas)", nil)
            }
            return nil
        }
    }

    static func probeEvents(_ old: [ProbeError], _ new: [ProbeError], _ make: Make) -> [WatchEvent] {
        let before = Set(old.map(\.message)), after = Set(new.map(\.message))
        return new.filter { !before.contains($0.message) }.map { make(.probeFailed, $0.kind.rawValue, $0.message, nil) }
            + old.filter { !after.contains($0.message) }.map { make(.probeRecovered, $0.kind.rawValue, "reads again: \($0.message)", nil) }
    }

    static func findingEvents(_ old: [Finding], _ new: [Finding], _ make: Make) -> [WatchEvent] {
        let before = Set(old.filter(\.isOpenFailure).map(\.id))
        let after = Set(new.filter(\.isOpenFailure).map(\.id))
        let appeared = new.filter { $0.isOpenFailure && !before.contains($0.id) }
            .map { make(.findingAppeared, $0.subject, "\($0.rule.id): \($0.message)", $0.severity) }
        let cleared = old.filter { $0.isOpenFailure && !after.contains($0.id) }
            .map { make(.findingCleared, $0.subject, "\($0.rule.id) cleared", $0.severity) }
        return appeared + cleared
    }
}
