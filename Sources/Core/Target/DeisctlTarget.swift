/// deisctl pinned to one etcd member (and, when it goes through a cluster machine over SSH, the
/// tunnel host), resolved once at start. deisctl has no driver and no endpoint variable: it
/// always reads fleet's registry and `/deis` through the one etcd URL given as `--endpoint=`
/// (written with `=`: deisctl strips its global options by that prefix), and dials it through
/// `DEISCTL_TUNNEL` when that names a host. Every deisctl call is built here, with both as flags.
public struct DeisctlTarget: Sendable, Hashable, Codable {
    /// Exactly one etcd URL: deisctl refuses a comma-separated list.
    public var endpoint: String
    /// `--tunnel=HOST[:PORT]` (what `DEISCTL_TUNNEL` names); the endpoint is then seen from that host.
    public var tunnel: String?
    /// etcd's TLS files, as deisctl names them (`--etcd-cafile=` …): the same files etcdctl is pinned to.
    public var cafile: String?
    public var certfile: String?
    public var keyfile: String?

    public init(endpoint: String, tunnel: String? = nil, cafile: String? = nil, certfile: String? = nil, keyfile: String? = nil) {
        self.endpoint = endpoint
        self.tunnel = tunnel
        self.cafile = cafile
        self.certfile = certfile
        self.keyfile = keyfile
    }

    /// `deisctl --endpoint=E [--tunnel=T] [--etcd-cafile=…] ARGS…`
    public func deisctl(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        var flags = ["--endpoint=\(endpoint)"]
        if let tunnel { flags.append("--tunnel=\(tunnel)") }
        if let cafile { flags.append("--etcd-cafile=\(cafile)") }
        if let certfile { flags.append("--etcd-certfile=\(certfile)") }
        if let keyfile { flags.append("--etcd-keyfile=\(keyfile)") }
        return Command("deisctl", flags + arguments, timeoutSeconds: timeoutSeconds)
    }

    /// "http://10.0.1.11:2379 via bastion": how the header names the pin.
    public var label: String { endpoint + (tunnel.map { " via \($0)" } ?? "") }
}
