import ShipshapeCore
import KubernetesRules

/// What the Workflow probe reads beyond the Kubernetes kit: the registry proxy, the DaemonSet
/// that makes the in-cluster registry reachable on every node (reference §3.6).
public struct WorkflowState: Sendable, StateSection {
    /// nil when there is no `deis-registry-proxy` (the registry is off-cluster).
    public var registryProxy: Loaded<WorkflowRegistryProxy?> = .notProbed

    public init() {}

    public var failures: [ProbeError] { [registryProxy.error].compactMap { $0 } }
}

/// DaemonSet `deis/deis-registry-proxy`: how it is reached on the node (a `hostPort`, or the
/// host network that `global.use_cni=true` selects), and whether its pods are Ready.
public struct WorkflowRegistryProxy: Sendable, Hashable {
    public var hostNetwork: Bool
    public var hostPorts: [Int]
    /// `status.desiredNumberScheduled` and `status.numberReady`.
    public var desired: Int
    public var ready: Int
    /// The pods that are not Ready, by name (at most a few, for the message).
    public var notReadyPods: [String]

    public init(hostNetwork: Bool, hostPorts: [Int], desired: Int, ready: Int, notReadyPods: [String] = []) {
        self.hostNetwork = hostNetwork
        self.hostPorts = hostPorts
        self.desired = desired
        self.ready = ready
        self.notReadyPods = notReadyPods
    }
}

extension ClusterState {
    /// Workflow's own reads (`.notProbed` on other platforms).
    public var workflow: Loaded<WorkflowState> {
        get { self[section: WorkflowState.self] }
        set { self[section: WorkflowState.self] = newValue }
    }
}
