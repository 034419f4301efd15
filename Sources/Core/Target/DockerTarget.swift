/// A Docker engine pinned by its host (`unix:///…` or `tcp://…`). Every docker call
/// is built here, so `DOCKER_HOST` or a docker context switch can never redirect one.
public struct DockerTarget: Sendable, Hashable, Codable {
    public var host: String
    /// TLS to a `tcp://` daemon; nil for a socket or plain TCP.
    public var tls: DockerTLS?

    public init(host: String, tls: DockerTLS? = nil) {
        self.host = host
        self.tls = tls
    }

    /// `docker --host H [TLS flags] ARGS…`
    public func docker(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        Command("docker", ["--host", host] + (tls?.arguments ?? []) + arguments, timeoutSeconds: timeoutSeconds)
    }
}
