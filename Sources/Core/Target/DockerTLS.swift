/// TLS to a Docker daemon on `tcp://`, pinned at start like the host: the files are named on
/// every call (`--tlscacert/--tlscert/--tlskey`), so `DOCKER_CERT_PATH` or `DOCKER_TLS_VERIFY`
/// changed in another terminal never changes what a call trusts or presents.
public struct DockerTLS: Sendable, Hashable, Codable {
    /// Check the daemon's certificate against `caCert` (`--tlsverify`); without it the
    /// connection is encrypted but the daemon is not authenticated (`--tls`).
    public var verify: Bool
    public var caCert: String?
    public var cert: String?
    public var key: String?

    public init(verify: Bool, caCert: String? = nil, cert: String? = nil, key: String? = nil) {
        self.verify = verify
        self.caCert = caCert
        self.cert = cert
        self.key = key
    }

    /// The docker CLI flags, in the CLI's own spelling.
    public var arguments: [String] {
        var arguments = [verify ? "--tlsverify" : "--tls"]
        if let caCert { arguments += ["--tlscacert", caCert] }
        if let cert { arguments += ["--tlscert", cert] }
        if let key { arguments += ["--tlskey", key] }
        return arguments
    }
}
