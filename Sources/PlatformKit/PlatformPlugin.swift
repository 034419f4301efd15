import Foundation
import ShipshapeCore
import ShipshapeRunner
import PaneKit

/// A platform, as one registry entry: how its clusters are found and pinned, how they are
/// read, judged, shown, changed, demonstrated and watched. Nothing outside a platform's own
/// folder and the registry names a platform; everything else asks its plug-in.
public protocol PlatformPlugin: Sendable {
    var id: PlatformID { get }
    /// Every rule it evaluates, the shared ones it uses included; ids are unique across the
    /// registry.
    var rules: [any Rule] { get }
    /// Its panes, in screen order (the console adds Findings and Activity).
    var panes: [PaneSpec] { get }
    /// For help and the README: where it finds clusters in the environment and which flags
    /// pin one.
    var discoveryHelp: String { get }

    /// True when the request has the pins this platform needs (a kube context, a docker
    /// host, etcd endpoints, a fleet endpoint).
    func accepts(_ request: TargetRequest) -> Bool
    /// Lower ranks are asked first; fallbacks rank last.
    var detectionRank: Int { get }
    /// The request with its defaults made explicit once (the kubeconfig's current context read
    /// now), so detection and pinning read the same cluster however long detection takes.
    func prepare(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> TargetRequest
    /// Whether the cluster is this platform's; reads the cluster through `runner`.
    func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection
    /// The clusters the environment names for this platform (`DOCKER_HOST`, the kubeconfig's
    /// current context, `ETCDCTL_ENDPOINTS`, `FLEETCTL_ENDPOINT`).
    func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest]
    /// Resolves the request's defaults once and pins them; throws a sentence naming what is
    /// wrong (missing kubeconfig, unknown context, TLS files that do not exist).
    func pin(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> Target
    func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter
    /// `shipshape demo NAME` (the platform id unless it reads better otherwise: `deis-v1`).
    var demoName: String { get }
    /// The state each demo cluster serves (the Kubernetes API test server's format for the
    /// Kubernetes platforms, the sandbox scenario for the others), so tests can serve the same
    /// cluster to the real tools.
    var demoStates: [String] { get }
    /// The embedded demo's clusters of this platform, each with its own sandbox.
    func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter]

    /// What the estate board shows of a cluster besides its findings.
    func boardFacts(_ cluster: ClusterView) -> BoardFacts
    /// The state with what the rest of the estate says about it, for rules that compare
    /// clusters while staying pure over one state (Deckhouse update windows that overlap).
    func joinEstate(_ state: ClusterState, others: [ClusterView]) -> ClusterState
    /// The change streams that keep a cluster's state current after its first read (kubectl
    /// watch, docker events, etcdctl watch; polls where a tool has none). Empty: the watch reads
    /// the whole cluster again every interval.
    func watchSources(for adapter: any PlatformAdapter, interval: Double) -> [any WatchSource]
    /// The changes between two states of one cluster worth a line in Activity.
    func events(from old: ClusterState, to new: ClusterState, at time: Date) -> [WatchEvent]
}

extension PlatformPlugin {
    public var detectionRank: Int { 50 }
    public var demoName: String { id.rawValue }
    public var demoStates: [String] { [] }
    public func prepare(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> TargetRequest { request }
    public func joinEstate(_ state: ClusterState, others: [ClusterView]) -> ClusterState { state }
    public func watchSources(for adapter: any PlatformAdapter, interval: Double) -> [any WatchSource] { [] }
    public func events(from old: ClusterState, to new: ClusterState, at time: Date) -> [WatchEvent] { [] }
}
