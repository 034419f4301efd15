import ArgumentParser
import Foundation
import Engine

/// Builds the Deis v1 adapter from the target flags, falling back to the variables
/// etcdctl and fleetctl read themselves (`ETCDCTL_ENDPOINTS`, `ETCDCTL_CACERT`,
/// `ETCDCTL_CERT`, `ETCDCTL_KEY`, `FLEETCTL_ENDPOINT`, `FLEETCTL_TUNNEL`), then to the
/// tools' own defaults. Whatever is chosen is pinned: every call carries it as a flag.
enum Deis1Factory {
    static let defaultEtcdEndpoint = "http://127.0.0.1:2379"
    static let defaultFleetEndpoint = "unix:///var/run/fleet.sock"

    static func makeAdapter(options: TargetOptions, runner: ProcessRunner,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any PlatformAdapter {
        func pick(_ flag: String?, _ variable: String) -> String? {
            if let flag, !flag.isEmpty { return flag }
            if let value = environment[variable], !value.isEmpty { return value }
            return nil
        }
        let endpoints = (pick(options.etcdEndpoints, "ETCDCTL_ENDPOINTS") ?? defaultEtcdEndpoint)
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !endpoints.isEmpty else { throw ValidationError("--etcd-endpoints names no endpoint") }
        let etcd = EtcdTarget(endpoints: endpoints, cacert: pick(options.etcdCACert, "ETCDCTL_CACERT"),
                              cert: pick(options.etcdCert, "ETCDCTL_CERT"), key: pick(options.etcdKey, "ETCDCTL_KEY"))
        for file in [etcd.cacert, etcd.cert, etcd.key].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("etcd TLS file \(file) does not exist")
        }
        let fleet = FleetTarget(endpoint: pick(options.fleetEndpoint, "FLEETCTL_ENDPOINT") ?? defaultFleetEndpoint,
                                tunnel: environment["FLEETCTL_TUNNEL"].flatMap { $0.isEmpty ? nil : $0 })
        var runner = runner
        // etcdctl 3.x picks its API from this variable; shipshape speaks v3 only.
        runner.environment[EtcdTarget.apiVariable.name] = EtcdTarget.apiVariable.value
        // `fleetctl ssh` (images, preseed) authenticates through the operator's agent.
        if let agent = environment["SSH_AUTH_SOCK"] { runner.environment["SSH_AUTH_SOCK"] = agent }
        let target = Target(name: name(fleet: fleet, etcd: etcd), platform: .deis1, etcd: etcd, fleet: fleet, production: options.production)
        return Deis1Adapter(target: target, etcd: etcd, fleet: fleet, runner: runner)
    }

    /// What the operator types to confirm a high-risk fix: the fleet tunnel or endpoint
    /// host, else the first etcd host, else "deis-v1" (a local socket has no better name).
    static func name(fleet: FleetTarget, etcd: EtcdTarget) -> String {
        if let tunnel = fleet.tunnel, let host = tunnel.split(separator: ":").first, !host.isEmpty { return String(host) }
        for url in [fleet.endpoint] + etcd.endpoints {
            if let host = URLComponents(string: url)?.host, !host.isEmpty, host != "127.0.0.1", host != "localhost" { return host }
        }
        return "deis-v1"
    }
}
