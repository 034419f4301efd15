/// Everything that names the cluster shipshape works on, shown in the status bar
/// and stamped on every audit entry.
public struct Target: Sendable, Hashable, Codable {
    public var name: String
    public var platform: PlatformID
    public var kube: KubeTarget?
    public var etcd: EtcdTarget?
    public var fleet: FleetTarget?
    public var docker: DockerTarget?
    /// Marked production by policy or flag: drawn in its own colour everywhere.
    public var production: Bool

    public init(name: String, platform: PlatformID, kube: KubeTarget? = nil, etcd: EtcdTarget? = nil,
                fleet: FleetTarget? = nil, docker: DockerTarget? = nil, production: Bool = false) {
        self.name = name
        self.platform = platform
        self.kube = kube
        self.etcd = etcd
        self.fleet = fleet
        self.docker = docker
        self.production = production
    }

    /// The short label the status bar shows: platform and pinned context.
    public var label: String {
        if let kube { return "\(platform.displayName) · ctx \(kube.context)" }
        if let fleet { return "\(platform.displayName) · fleet \(fleet.endpoint)" }
        if let docker {
            let tls = docker.tls.map { $0.verify ? " (TLS, verified)" : " (TLS, not verified)" } ?? ""
            return "\(platform.displayName) · docker \(docker.host)\(tls)"
        }
        if let etcd { return "\(platform.displayName) · etcd \(etcd.endpoints.joined(separator: ","))" }
        return "\(platform.displayName) · \(name)"
    }
}
