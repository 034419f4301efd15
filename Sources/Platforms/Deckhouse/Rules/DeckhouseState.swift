import ShipshapeCore
import KubernetesRules
import EtcdRules
/// What the Deckhouse probe read. Each section loads or fails on its own, so a forbidden
/// secret darkens DH-K8S-VERSION only.
public struct DeckhouseState: Sendable {
    /// ModuleConfig `deckhouse`.
    public var settings: Loaded<DeckhouseUpdateSettings> = .notProbed
    public var releases: Loaded<[DeckhouseRelease]> = .notProbed
    /// `kubernetesVersion` of the ClusterConfiguration (`Automatic` or `1.xx`); nil when the key is absent.
    public var kubernetesVersion: Loaded<String?> = .notProbed
    public var nodes: Loaded<[DeckhouseNode]> = .notProbed
    public var nodeGroups: Loaded<[DeckhouseNodeGroup]> = .notProbed
    public var ingressControllers: Loaded<[DeckhouseIngressController]> = .notProbed
    public var alertmanagers: Loaded<[DeckhouseAlertmanager]> = .notProbed
    /// ModuleConfig `global`: `settings.modules.storageClass`, else the deprecated
    /// `settings.storageClass`; nil when neither is set (or there is no such ModuleConfig).
    public var storageClass: Loaded<String?> = .notProbed
    public var etcdBackupJobs: Loaded<[DeckhouseEtcdBackupJob]> = .notProbed
    /// Every ModuleConfig's placement and storage settings, by module name.
    public var moduleSettings: Loaded<[DeckhouseModuleSettings]> = .notProbed
    /// The ingress controllers' pods with their resource requests.
    public var ingressPods: Loaded<[DeckhouseIngressPod]> = .notProbed
    /// The other clusters open in the console (filled by `Workspace`, empty for one cluster).
    public var peers: [DeckhousePeer] = []

    public init() {}

    /// Every section that failed, for the status bar and `check`'s exit status.
    public var failures: [ProbeError] {
        [settings.error, releases.error, kubernetesVersion.error, nodes.error, nodeGroups.error,
         ingressControllers.error, alertmanagers.error, storageClass.error, etcdBackupJobs.error,
         moduleSettings.error, ingressPods.error].compactMap { $0 }
    }

    public func module(_ name: String) -> DeckhouseModuleSettings? {
        moduleSettings.value?.first { $0.name == name }
    }

    public func nodes(with role: DeckhouseNodeRole) -> [DeckhouseNode] {
        (nodes.value ?? []).filter { $0.has(role) }
    }
}
