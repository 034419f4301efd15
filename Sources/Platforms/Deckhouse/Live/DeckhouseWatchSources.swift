import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesKit
import DeckhouseRules

/// Deckhouse's change streams: nodes object by object (both the Kubernetes and the Deckhouse
/// view), and its own objects — ModuleConfigs, DeckhouseReleases, NodeGroups, inlets,
/// CustomAlertmanagers, the etcd-backup CronJobs — whose events read the Deckhouse sections
/// again (they are few and small). Every stream starts from the node list's resource version:
/// the API server's versions are one cluster-wide sequence, so a list read at the same moment
/// is a valid start for every collection; a change that slipped between two of those reads is
/// caught by the slow resync.
public enum DeckhouseWatchSources {
    static let nodesPath = "/api/v1/nodes"

    public static func sources(kube: KubeTarget, runner: any CommandRunner, interval: Double, idleSeconds: Double = 300,
                               reread: @escaping @Sendable () async -> ClusterState) -> [any WatchSource] {
        let start: @Sendable (ClusterState) -> String? = { $0.kubernetes.versions[nodesPath] }
        let probe = KubernetesProbe(runner: runner, target: kube)
        let wholeAgain: @Sendable () async -> (StateChange, String?) = {
            let fresh = await reread()
            return (StateChange("Deckhouse objects read again") { state in
                state.kubernetes = fresh.kubernetes
                state.deckhouse = fresh.deckhouse
            }, fresh.kubernetes.versions[nodesPath])
        }
        var sources: [any WatchSource] = [
            KubeWatchSource(name: "nodes", kube: kube, runner: runner, path: nodesPath, idleSeconds: idleSeconds, interval: interval,
                            version: start, event: node) {
                let (nodes, version) = await probe.readList("nodes", nodesPath, inPlace: { try DeckhouseDecoder.nodesAndVersion($0) })
                return (StateChange("nodes read again") { state in
                    state.kubernetes.nodes = nodes.map(\.kube)
                    if let version { state.kubernetes.versions[nodesPath] = version }
                    guard case .loaded(var deckhouse) = state.deckhouse else { return }
                    deckhouse.nodes = nodes.map(\.deckhouse)
                    state.deckhouse = .loaded(deckhouse)
                }, version)
            },
        ]
        for (name, path) in [("ModuleConfigs", DeckhouseNames.moduleConfigs), ("DeckhouseReleases", DeckhouseNames.releases),
                             ("NodeGroups", DeckhouseNames.nodeGroups), ("IngressNginxControllers", DeckhouseNames.ingressControllers),
                             ("CustomAlertmanagers", DeckhouseNames.alertmanagers), ("etcd backup CronJobs", DeckhouseNames.cronJobs)] {
            sources.append(KubeWatchSource(name: name, kube: kube, runner: runner, path: path, idleSeconds: idleSeconds, interval: interval,
                                           version: start, event: nil, relist: wholeAgain))
        }
        return sources
    }

    /// A node event updates both views of the node.
    static func node(_ header: KubeWatchLine, _ line: UnsafeBufferPointer<UInt8>) -> StateChange? {
        guard let change = KubeWatchChanges.node(header, line) else { return nil }
        var cache = JSONStringCache()
        guard let kube = try? KubeWatchLine.object(line, { (s: inout JSONScanner) throws(JSONScanError) in try KubeNodeListScan.node(&s, cache: &cache) }) else {
            return nil
        }
        let node = DeckhouseDecoder.node(kube)
        return StateChange(change.summary) { state in
            change.apply(&state)
            guard case .loaded(var deckhouse) = state.deckhouse, case .loaded(var nodes) = deckhouse.nodes else { return }
            KubeWatchChanges.upsert(&nodes, node, remove: header.kind == .deleted) { $0.name == node.name }
            deckhouse.nodes = .loaded(nodes)
            state.deckhouse = .loaded(deckhouse)
        }
    }
}
