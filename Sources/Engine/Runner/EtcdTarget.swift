/// An etcd cluster pinned by its endpoints (and TLS files), resolved at start
/// from flags or the usual `ETCDCTL_*` variables. Every etcdctl call is built here.
public struct EtcdTarget: Sendable, Hashable, Codable {
    public var endpoints: [String]
    public var cacert: String?
    public var cert: String?
    public var key: String?

    public init(endpoints: [String], cacert: String? = nil, cert: String? = nil, key: String? = nil) {
        self.endpoints = endpoints
        self.cacert = cacert
        self.cert = cert
        self.key = key
    }

    /// `etcdctl --endpoints=E [--cacert …] ARGS…` (v3 API; ETCDCTL_API=3 is set by the runner's environment).
    public func etcdctl(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        command(endpoints: endpoints, arguments, timeoutSeconds: timeoutSeconds)
    }

    /// The same call aimed at one member's own client URL (taken from this cluster's
    /// member list, as `--cluster` would), with the pinned TLS files. Used to ask each
    /// member for its status separately, so one silent member cannot hide the others.
    public func etcdctl(member endpoint: String, _ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        command(endpoints: [endpoint], arguments, timeoutSeconds: timeoutSeconds)
    }

    private func command(endpoints: [String], _ arguments: [String], timeoutSeconds: Double?) -> Command {
        var args = ["--endpoints=\(endpoints.joined(separator: ","))"]
        if let cacert { args.append("--cacert=\(cacert)") }
        if let cert { args.append("--cert=\(cert)") }
        if let key { args.append("--key=\(key)") }
        return Command("etcdctl", args + arguments, timeoutSeconds: timeoutSeconds)
    }

    /// The environment variable etcdctl 3.x reads to pick its API; shipshape speaks v3
    /// only, so runners for etcd set it to "3" whatever the operator exported.
    public static let apiVariable = (name: "ETCDCTL_API", value: "3")
}
