import Foundation
import ShipshapeCore
import TUI
import Engine

extension ClusterSource {
    /// What the console says while it resolves the clusters into pinned targets: what is
    /// being opened, as the flags named it (nothing has been read yet), and what it waits for.
    var startupView: StartupView {
        StartupView(target: startupTargetDescription, kubeconfig: target.kubeconfig, production: target.production,
                    activity: target.platform == nil ? "Finding the clusters and detecting their platforms" : "Pinning the clusters",
                    timeoutSeconds: target.timeout)
    }

    private var startupTargetDescription: String {
        let t = target
        if !t.clusters.isEmpty { return "clusters \(t.clusters.joined(separator: ", ")) of the estate file" }
        if t.allContexts { return "every context of the kubeconfig" }
        if t.contexts.count == 1 { return "context: \(t.contexts[0])" }
        if t.contexts.count > 1 { return "contexts: \(t.contexts.joined(separator: ", "))" }
        if let host = t.dockerHost { return "docker: \(host)" }
        if let fleet = t.fleetEndpoint { return "fleet: \(fleet)" }
        if let etcd = t.etcdEndpoints { return "etcd: \(etcd)" }
        if t.kubeconfig != nil { return "context: (the current context)" }
        if let estate = t.estate { return "the estate file \(estate)" }
        let file = EstateFileLoader.defaultPath()
        if FileManager.default.fileExists(atPath: file) { return "the estate file \(file)" }
        return "what the environment names (kubeconfig, DOCKER_HOST, ETCDCTL_ENDPOINTS, FLEETCTL_ENDPOINT)"
    }
}
