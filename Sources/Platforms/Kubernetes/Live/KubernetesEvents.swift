import ShipshapeCore
import KubernetesRules

/// Kubernetes changes worth a line in Activity: nodes going NotReady or Ready, joining or
/// leaving; a deployment's desired or ready replicas changing.
public enum KubernetesEvents {
    public static func events(_ old: ClusterState, _ new: ClusterState, _ make: WatchEvent.Make) -> [WatchEvent] {
        nodeEvents(old.kubernetes.nodes.value, new.kubernetes.nodes.value, make)
            + replicaEvents(old.kubernetes.deployments.value, new.kubernetes.deployments.value, make)
    }

    public static func nodeEvents(_ old: [KubeNode]?, _ new: [KubeNode]?, _ make: WatchEvent.Make) -> [WatchEvent] {
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

    public static func replicaEvents(_ old: [KubeDeployment]?, _ new: [KubeDeployment]?, _ make: WatchEvent.Make) -> [WatchEvent] {
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
}
