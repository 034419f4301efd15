/// An etcd cluster pinned by its endpoints (and TLS files), resolved at start
/// from flags or the usual `ETCDCTL_*` variables. Every etcdctl call is built here, and each
/// names the API it speaks in its own environment (`ETCDCTL_API`), whatever the operator exported.
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

    /// `ETCDCTL_API=3 etcdctl --endpoints=E [--cacert …] ARGS…`
    public func etcdctl(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        command(endpoints: endpoints, arguments, timeoutSeconds: timeoutSeconds)
    }

    /// The same call aimed at one member's own client URL (taken from this cluster's
    /// member list, as `--cluster` would), with the pinned TLS files. Used to ask each
    /// member for its status separately, so one silent member cannot hide the others.
    public func etcdctl(member endpoint: String, _ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        command(endpoints: [endpoint], arguments, timeoutSeconds: timeoutSeconds)
    }

    /// `ETCDCTL_API=2 etcdctl --endpoints E --no-sync [--ca-file …] ARGS…`: the v2 API, which Deis
    /// v1 and fleet use and etcd 2.x alone speaks (its TLS flags are spelled differently).
    /// `--no-sync` keeps the call on the pinned endpoints: without it etcdctl first asks for the
    /// member list and then talks to whatever client URLs the members advertise.
    public func etcdctlV2(_ arguments: [String], member endpoint: String? = nil, timeoutSeconds: Double? = nil,
                          acceptedExitStatuses: [Int32] = []) -> Command {
        var args = ["--endpoints", endpoint ?? endpoints.joined(separator: ","), "--no-sync"]
        if let cacert { args += ["--ca-file", cacert] }
        if let cert { args += ["--cert-file", cert] }
        if let key { args += ["--key-file", key] }
        return Command("etcdctl", args + arguments, timeoutSeconds: timeoutSeconds, environment: Self.v2,
                       acceptedExitStatuses: acceptedExitStatuses)
    }

    private func command(endpoints: [String], _ arguments: [String], timeoutSeconds: Double?) -> Command {
        var args = ["--endpoints=\(endpoints.joined(separator: ","))"]
        if let cacert { args.append("--cacert=\(cacert)") }
        if let cert { args.append("--cert=\(cert)") }
        if let key { args.append("--key=\(key)") }
        return Command("etcdctl", args + arguments, timeoutSeconds: timeoutSeconds, environment: Self.v3)
    }

    /// The variable etcdctl 3.x reads to pick its API.
    public static let v3 = ["ETCDCTL_API": "3"]
    public static let v2 = ["ETCDCTL_API": "2"]
}
