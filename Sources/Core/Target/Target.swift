/// Everything that names the cluster shipshape works on, shown in the status bar
/// and stamped on every audit entry. The tool pins (`kube`, `etcd`, `fleet`, `deisctl`, `docker`)
/// are resolved once at start; every call of that tool carries them.
public struct Target: Sendable, Hashable, Codable {
    public var name: String
    public var platform: PlatformID
    public var kube: KubeTarget?
    public var etcd: EtcdTarget?
    public var fleet: FleetTarget?
    /// Deis v1's own tool, pinned beside fleet: the fixes run through it.
    public var deisctl: DeisctlTarget?
    public var docker: DockerTarget?
    /// Marked production by policy, flag or estate file: drawn in its own colour everywhere.
    public var production: Bool
    /// Marked `readOnly` in the estate file: no fix, undo or drill can run against it, and
    /// the console cannot lift that at run time.
    public var readOnly: Bool
    /// Labels from the estate file (`env: prod`), for the board and cross-cluster rules.
    public var labels: [String: String]

    public init(name: String, platform: PlatformID, kube: KubeTarget? = nil, etcd: EtcdTarget? = nil,
                fleet: FleetTarget? = nil, deisctl: DeisctlTarget? = nil, docker: DockerTarget? = nil, production: Bool = false,
                readOnly: Bool = false, labels: [String: String] = [:]) {
        self.name = name
        self.platform = platform
        self.kube = kube
        self.etcd = etcd
        self.fleet = fleet
        self.deisctl = deisctl
        self.docker = docker
        self.production = production
        self.readOnly = readOnly
        self.labels = labels
    }

    // Older snapshot files and audit entries have no `readOnly`, `labels` or `deisctl`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        platform = try c.decode(PlatformID.self, forKey: .platform)
        kube = try c.decodeIfPresent(KubeTarget.self, forKey: .kube)
        etcd = try c.decodeIfPresent(EtcdTarget.self, forKey: .etcd)
        fleet = try c.decodeIfPresent(FleetTarget.self, forKey: .fleet)
        deisctl = try c.decodeIfPresent(DeisctlTarget.self, forKey: .deisctl)
        docker = try c.decodeIfPresent(DockerTarget.self, forKey: .docker)
        production = try c.decodeIfPresent(Bool.self, forKey: .production) ?? false
        readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly) ?? false
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    }

    /// What a high-risk confirmation asks the operator to type: the kube context where
    /// there is one (what they see in their prompt), else the cluster's name.
    public var confirmationName: String { kube?.context ?? name }

    /// The short label the status bar shows: platform and pinned connection.
    public var label: String {
        if let kube { return "\(platform.displayName) · ctx \(kube.context)" }
        if let fleet {
            return "\(platform.displayName) · fleet \(fleet.label)" + (deisctl.map { " · deisctl \($0.label)" } ?? "")
        }
        if let docker {
            let tls = docker.tls.map { $0.verify ? " (TLS, verified)" : " (TLS, not verified)" } ?? ""
            return "\(platform.displayName) · docker \(docker.host)\(tls)"
        }
        if let etcd { return "\(platform.displayName) · etcd \(etcd.endpoints.joined(separator: ","))" }
        return "\(platform.displayName) · \(name)"
    }
}
