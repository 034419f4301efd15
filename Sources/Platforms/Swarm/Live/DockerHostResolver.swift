import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

/// Pins the Docker daemon once, at start: `--docker-host`, else `DOCKER_HOST` as it
/// is now, else the default socket. Every later call carries it as `--host`, so a
/// changed variable or docker context in another terminal never redirects a fix.
public enum DockerHostResolver {
    public static let defaultHost = "unix:///var/run/docker.sock"

    public static func resolve(flag: String?, tlsVerify: Bool = false, certPath: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(TargetError) -> DockerTarget {
        let chosen = [flag, environment["DOCKER_HOST"]].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        let host = chosen ?? defaultHost
        guard ["unix://", "tcp://", "ssh://", "npipe://"].contains(where: host.hasPrefix), host.count > "tcp://".count else {
            throw .cannotResolve("docker host \(Sanitizer.line(host, maxLength: 120)) is not a unix://, tcp:// or ssh:// address (use --docker-host)")
        }
        return DockerTarget(host: host, tls: try tls(host: host, verifyFlag: tlsVerify, certPathFlag: certPath, environment: environment))
    }

    /// TLS as the docker CLI reads it, pinned: verification from `--docker-tls-verify` or
    /// `DOCKER_TLS_VERIFY` (any non-empty value, as docker has it), the files from
    /// `--docker-cert-path`, else `DOCKER_CERT_PATH`, else `~/.docker` (`ca.pem`, `cert.pem`,
    /// `key.pem`). A cert path given as a flag without verification means TLS without checking
    /// the daemon (docker's `--tls`). nil when none of these is asked for.
    static func tls(host: String, verifyFlag: Bool, certPathFlag: String?, environment: [String: String]) throws(TargetError) -> DockerTLS? {
        let verify = verifyFlag || !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty
        guard verify || certPathFlag != nil else { return nil }
        guard host.hasPrefix("tcp://") else {
            throw .cannotResolve("TLS to the docker daemon needs a tcp:// host, not \(Sanitizer.line(host, maxLength: 120))")
        }
        let directory = [certPathFlag, environment["DOCKER_CERT_PATH"]].compactMap { $0 }.first { !$0.isEmpty }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.docker"
        func file(_ name: String) -> String? {
            let path = directory + "/" + name
            return FileManager.default.isReadableFile(atPath: path) ? path : nil
        }
        let caCert = file("ca.pem"), cert = file("cert.pem"), key = file("key.pem")
        if verify, caCert == nil {
            throw .cannotResolve("--docker-tls-verify needs \(directory)/ca.pem to check the daemon against (use --docker-cert-path)")
        }
        guard (cert == nil) == (key == nil) else {
            throw .cannotResolve("\(directory) has \(cert == nil ? "key.pem but no cert.pem" : "cert.pem but no key.pem"): a client certificate needs both")
        }
        return DockerTLS(verify: verify, caCert: caCert, cert: cert, key: key)
    }
}
