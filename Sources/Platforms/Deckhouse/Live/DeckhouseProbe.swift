import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform
/// Reads a Deckhouse cluster through `kubectl get --raw` on the pinned context, every
/// section concurrently. When the `deckhouse.io` group is not served at all, the sections
/// that need it carry that one clear reason instead of a pile of NotFound errors.
public struct DeckhouseProbe: Sendable {
    public var runner: any CommandRunner
    public var target: KubeTarget

    public init(runner: any CommandRunner, target: KubeTarget) {
        self.runner = runner
        self.target = target
    }

    /// The Deckhouse sections, plus the generic Kubernetes ones the shared rules and panes
    /// use (nodes and served groups).
    public func probe() async -> (deckhouse: DeckhouseState, kubernetes: KubernetesState) {
        let reader = KubernetesProbe(runner: runner, target: target)
        async let groups = reader.read("API groups", "/apis", KubeDecoder.apiGroups)
        async let settings = reader.read("ModuleConfig deckhouse", DeckhouseNames.deckhouseConfigPath, DeckhouseDecoder.updateSettings)
        async let releases = reader.read("DeckhouseReleases", DeckhouseNames.releases, DeckhouseDecoder.releases)
        async let version = reader.read("ClusterConfiguration", DeckhouseNames.clusterConfigurationSecret, DeckhouseDecoder.kubernetesVersion)
        async let nodes = reader.readList("nodes", "/api/v1/nodes", inPlace: { try DeckhouseDecoder.nodesAndVersion($0) })
        async let nodeGroups = Self.newest(reader, "NodeGroups", [DeckhouseNames.nodeGroups, DeckhouseNames.nodeGroupsV1Alpha1], DeckhouseDecoder.nodeGroups)
        async let ingress = Self.newest(reader, "IngressNginxControllers", [DeckhouseNames.ingressControllers, DeckhouseNames.ingressControllersV1Alpha1],
                                        DeckhouseDecoder.ingressControllers)
        async let modules = reader.read("ModuleConfigs", DeckhouseNames.moduleConfigs, DeckhouseDecoder.moduleSettings)
        async let ingressPods = reader.read("ingress controller pods", DeckhouseNames.ingressPods, DeckhouseDecoder.ingressPods)
        async let alertmanagers = reader.read("CustomAlertmanagers", DeckhouseNames.alertmanagers, DeckhouseDecoder.alertmanagers)
        async let storage = reader.read("ModuleConfig global", DeckhouseNames.globalConfigPath, DeckhouseDecoder.storageClass)
        async let backups = reader.read("etcd backup CronJobs", DeckhouseNames.cronJobs, DeckhouseDecoder.etcdBackupJobs)
        async let backupRuns = reader.read("etcd backup Jobs", DeckhouseNames.jobs, DeckhouseDecoder.etcdBackupRuns)

        var kubernetes = KubernetesState()
        kubernetes.apiGroups = await groups
        let (nodeRead, nodeVersion) = await nodes
        // Where every watch of this cluster starts (see DeckhouseWatchSources).
        kubernetes.versions["/api/v1/nodes"] = nodeVersion
        switch nodeRead {
        case .loaded(let both): kubernetes.nodes = .loaded(both.kube)
        case .failed(let error): kubernetes.nodes = .failed(error)
        case .notProbed: break
        }

        var state = DeckhouseState()
        state.settings = await settings
        state.releases = await releases
        state.kubernetesVersion = await version
        state.nodes = Self.map(nodeRead) { $0.deckhouse }
        state.nodeGroups = await nodeGroups
        state.ingressControllers = await ingress
        state.alertmanagers = await alertmanagers
        // No ModuleConfig `global` means nothing was set there; no CronJob list means none.
        state.storageClass = Self.absentMeans(await storage, nil)
        // A failed Job list only loses the runs started by hand: the CronJobs' own record stands.
        let runs = Self.absentMeans(await backupRuns, [:]).value ?? [:]
        state.etcdBackupJobs = Self.map(Self.absentMeans(await backups, [])) { DeckhouseDecoder.merge($0, runs: runs) }
        state.moduleSettings = await modules
        state.ingressPods = Self.absentMeans(await ingressPods, [])

        if let served = kubernetes.apiGroups.value, !DeckhouseDetection.isDeckhouse(apiGroups: served) {
            let error = ProbeError(.notFound, "the \(DeckhouseNames.group) API group is not served: this is not a Deckhouse cluster (or its CRDs are missing)")
            state.settings = .failed(error)
            state.releases = .failed(error)
            state.nodeGroups = .failed(error)
            state.ingressControllers = .failed(error)
            state.alertmanagers = .failed(error)
            state.storageClass = .failed(error)
            state.moduleSettings = .failed(error)
        }
        return (state, kubernetes)
    }

    /// Reads a kind at the first of `paths` the cluster serves: a NotFound for the whole
    /// version (not an empty list) means that version is not served, so the next one is asked.
    static func newest<T: Sendable>(_ reader: KubernetesProbe, _ what: String, _ paths: [String],
                                    _ decode: @escaping @Sendable ([UInt8]) throws -> T) async -> Loaded<T> {
        var result: Loaded<T> = .notProbed
        for path in paths {
            result = await reader.read(what, path, decode)
            guard let error = result.error, error.kind == .notFound else { return result }
        }
        return result
    }

    static func map<A, B>(_ loaded: Loaded<A>, _ transform: (A) -> B) -> Loaded<B> {
        switch loaded {
        case .loaded(let value): return .loaded(transform(value))
        case .failed(let error): return .failed(error)
        case .notProbed: return .notProbed
        }
    }

    /// A NotFound answer for an optional object is an answer: it says "not set".
    static func absentMeans<T>(_ loaded: Loaded<T>, _ empty: T) -> Loaded<T> {
        if let error = loaded.error, error.kind == .notFound { return .loaded(empty) }
        return loaded
    }
}
