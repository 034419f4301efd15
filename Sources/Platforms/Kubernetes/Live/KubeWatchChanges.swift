import Foundation
import ShipshapeCore
import PlatformKit
import KubernetesRules

/// Turns one watch event into a change of `state.kubernetes`, object by object (by name, or
/// namespace and name), so a node flipping NotReady costs one line, not a 28 MB list.
public enum KubeWatchChanges {
    /// A node event, the node read in place with the same scanner as the list.
    public static func node(_ header: KubeWatchLine, _ line: UnsafeBufferPointer<UInt8>) -> StateChange? {
        var cache = JSONStringCache()
        guard let node = try? KubeWatchLine.object(line, { (s: inout JSONScanner) throws(JSONScanError) in try KubeNodeListScan.node(&s, cache: &cache) }) else {
            return nil
        }
        return StateChange("node \(node.name) \(header.kind.rawValue)") { state in
            guard case .loaded(var nodes) = state.kubernetes.nodes else { return }
            upsert(&nodes, node, remove: header.kind == .deleted) { $0.name == node.name }
            state.kubernetes.nodes = .loaded(nodes)
        }
    }

    public static func deployment(_ header: KubeWatchLine, _ line: UnsafeBufferPointer<UInt8>) -> StateChange? {
        guard let wire = try? JSONDecoder().decode(Event<KubeWire.Deployment>.self, from: Data(line)).object else { return nil }
        let deployment = KubeDecoder.deployment(wire)
        return StateChange("deployment \(deployment.namespace)/\(deployment.name) \(header.kind.rawValue)") { state in
            guard case .loaded(var deployments) = state.kubernetes.deployments else { return }
            upsert(&deployments, deployment, remove: header.kind == .deleted) { $0.name == deployment.name && $0.namespace == deployment.namespace }
            state.kubernetes.deployments = .loaded(deployments)
        }
    }

    public static func pod(_ header: KubeWatchLine, _ line: UnsafeBufferPointer<UInt8>) -> StateChange? {
        guard let wire = try? JSONDecoder().decode(Event<KubeWire.Pod>.self, from: Data(line)).object else { return nil }
        let pod = KubeDecoder.pod(wire)
        return StateChange("pod \(pod.namespace)/\(pod.name) \(header.kind.rawValue)") { state in
            guard case .loaded(var pods) = state.kubernetes.pods else { return }
            upsert(&pods, pod, remove: header.kind == .deleted) { $0.name == pod.name && $0.namespace == pod.namespace }
            state.kubernetes.pods = .loaded(pods)
        }
    }

    struct Event<Object: Decodable>: Decodable {
        var object: Object
    }

    /// Replaces the element `matches` finds, appends a new one, or removes it on DELETED.
    public static func upsert<T>(_ items: inout [T], _ item: T, remove: Bool, matches: (T) -> Bool) {
        let index = items.firstIndex(where: matches)
        switch (index, remove) {
        case (let index?, true): items.remove(at: index)
        case (let index?, false): items[index] = item
        case (nil, false): items.append(item)
        case (nil, true): break
        }
    }
}
