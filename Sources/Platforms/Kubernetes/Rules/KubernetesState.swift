import ShipshapeCore
/// What the Kubernetes probes read. Each section loads or fails on its own.
public struct KubernetesState: Sendable {
    public var nodes: Loaded<[KubeNode]> = .notProbed
    public var deployments: Loaded<[KubeDeployment]> = .notProbed
    public var pods: Loaded<[KubePod]> = .notProbed
    public var secrets: Loaded<[KubeSecretMeta]> = .notProbed
    /// Served API group names (e.g. `apps`, `rbac.authorization.k8s.io`).
    public var apiGroups: Loaded<[String]> = .notProbed
    /// Cluster role names, read only when RBAC is served.
    public var clusterRoles: Loaded<[String]> = .notProbed
    /// CronJobs that look like backups, in every namespace.
    public var backupJobs: Loaded<[BackupJob]> = .notProbed
    /// Each list's `metadata.resourceVersion`, by the path it was read from: where its watch
    /// stream starts (`?watch=1&resourceVersion=…`).
    public var versions: [String: String] = [:]

    public init() {}

    public func deployment(_ name: String) -> KubeDeployment? {
        deployments.value?.first { $0.name == name }
    }
}
