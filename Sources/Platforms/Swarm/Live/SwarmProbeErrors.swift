import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

/// Turns what the docker CLI prints on failure into sentences an operator can act
/// on. The CLI says "Cannot connect to the Docker daemon" both when no socket exists
/// and when a socket exists with nothing behind it; for a unix socket the file
/// itself tells the two apart.
enum SwarmProbeErrors {
    static func classify(_ error: RunError, what: String, host: String) -> ProbeError {
        guard case .nonZeroExit(_, _, let stderr) = error else { return ProbeError.from(error, what: what) }
        let lower = stderr.lowercased()
        let reason = RunError.firstMeaningfulLine(stderr)
        if lower.contains("cannot connect to the docker daemon") || lower.contains("is the docker daemon running") {
            return ProbeError(.unreachable, "\(what): \(unreachable(host: host))")
        }
        if lower.contains("not a swarm manager") && lower.contains("worker nodes") {
            return ProbeError(.forbidden, "\(what): the Docker daemon at \(host) is a swarm worker; workers cannot read cluster state — pin a manager's socket with --docker-host")
        }
        if lower.contains("not a swarm manager") {
            return ProbeError(.notFound, "\(what): the Docker daemon at \(host) is not in swarm mode — run docker swarm init (or join it to a swarm) first")
        }
        if lower.contains("no such") {
            return ProbeError(.notFound, "\(what): \(reason)")
        }
        if lower.contains("permission denied") {
            return ProbeError(.forbidden, "\(what): permission denied on \(host) — run shipshape as a user allowed to use that socket (\(reason))")
        }
        return ProbeError.from(error, what: what)
    }

    static func unreachable(host: String) -> String {
        guard host.hasPrefix("unix://") else {
            return "no Docker daemon answers at \(host) (is dockerd running and listening there?)"
        }
        let path = String(host.dropFirst("unix://".count))
        var info = stat()
        guard stat(path, &info) == 0 else {
            return "no Docker daemon at \(host): the socket \(path) does not exist — dockerd is not running (or --docker-host names the wrong socket)"
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            return "no Docker daemon at \(host): \(path) is not a socket"
        }
        return "no Docker daemon answers at \(host): the socket exists but nothing listens on it — dockerd stopped or crashed"
    }
}
