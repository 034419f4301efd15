import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules

/// The change streams behind `KubernetesProbe`'s reads: one watch per list it reads. Nodes,
/// deployments and router pods are updated object by object; the small lists (secrets, cluster
/// roles, backup CronJobs) are read again when their stream says they changed. Discovery (`/apis`)
/// has no stream; the slow resync reads it again.
public enum KubernetesWatchSources {
    public static func sources(probe: KubernetesProbe, interval: Double, idleSeconds: Double = 300) -> [any WatchSource] {
        let p = probe.paths
        func source(_ name: String, _ path: String, event: (@Sendable (KubeWatchLine, UnsafeBufferPointer<UInt8>) -> StateChange?)?,
                    relist: @escaping @Sendable () async -> (StateChange, String?)) -> any WatchSource {
            KubeWatchSource(name: name, kube: probe.target, runner: probe.runner, path: path, idleSeconds: idleSeconds, interval: interval,
                            version: { $0.kubernetes.versions[path] }, event: event, relist: relist)
        }
        return [
            source("nodes", p.nodes, event: KubeWatchChanges.node) {
                let (nodes, version) = await probe.readList("nodes", p.nodes, inPlace: KubeNodeListScan.nodesAndVersion)
                return (relisted("nodes", path: p.nodes, version: version) { $0.nodes = nodes }, version)
            },
            source("deployments", p.deployments, event: KubeWatchChanges.deployment) {
                let (deployments, version) = await probe.readList("deployments", p.deployments, KubeDecoder.deployments)
                return (relisted("deployments", path: p.deployments, version: version) { $0.deployments = deployments }, version)
            },
            source("router pods", p.routerPods, event: KubeWatchChanges.pod) {
                let (pods, version) = await probe.readList("router pods", p.routerPods, KubeDecoder.pods)
                return (relisted("router pods", path: p.routerPods, version: version) { $0.pods = pods }, version)
            },
            source("secrets", p.secrets, event: nil) {
                let (secrets, version) = await probe.readList("secrets", p.secrets, KubeDecoder.secrets)
                return (relisted("secrets", path: p.secrets, version: version) { $0.secrets = secrets }, version)
            },
            source("cluster roles", p.roles, event: nil) {
                let (roles, version) = await probe.readList("cluster roles", p.roles, KubeDecoder.names, missingMeansEmpty: true)
                return (relisted("cluster roles", path: p.roles, version: version) { $0.clusterRoles = roles }, version)
            },
            source("backup jobs", p.backups, event: nil) {
                let (jobs, version) = await probe.readList("backup jobs", p.backups, KubeDecoder.backupJobs, missingMeansEmpty: true)
                return (relisted("backup jobs", path: p.backups, version: version) { $0.backupJobs = jobs }, version)
            },
        ]
    }

    /// A section read again, as a change that also keeps its new version.
    static func relisted(_ what: String, path: String, version: String?,
                         _ set: @escaping @Sendable (inout KubernetesState) -> Void) -> StateChange {
        StateChange("\(what) read again") { state in
            var kubernetes = state.kubernetes
            set(&kubernetes)
            if let version { kubernetes.versions[path] = version }
            state.kubernetes = kubernetes
        }
    }
}
