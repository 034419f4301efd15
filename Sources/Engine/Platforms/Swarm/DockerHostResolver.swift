import Foundation

/// Pins the Docker daemon once, at start: `--docker-host`, else `DOCKER_HOST` as it
/// is now, else the default socket. Every later call carries it as `--host`, so a
/// changed variable or docker context in another terminal never redirects a fix.
public enum DockerHostResolver {
    public static let defaultHost = "unix:///var/run/docker.sock"

    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(TargetError) -> DockerTarget {
        let chosen = [flag, environment["DOCKER_HOST"]].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        let host = chosen ?? defaultHost
        guard ["unix://", "tcp://", "ssh://", "npipe://"].contains(where: host.hasPrefix), host.count > "tcp://".count else {
            throw .cannotResolve("docker host \(Sanitizer.line(host, maxLength: 120)) is not a unix://, tcp:// or ssh:// address (use --docker-host)")
        }
        return DockerTarget(host: host)
    }
}
