/// A Docker engine pinned by its host (`unix:///…` or `tcp://…`). Every docker call
/// is built here, so `DOCKER_HOST` or a docker context switch can never redirect one.
public struct DockerTarget: Sendable, Hashable, Codable {
    public var host: String

    public init(host: String) {
        self.host = host
    }

    /// `docker --host H ARGS…`
    public func docker(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        Command("docker", ["--host", host] + arguments, timeoutSeconds: timeoutSeconds)
    }
}
