import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import EtcdRules
import EtcdPanes
import EtcdPlatform
import Deis1Rules
import Deis1Panes

/// Deis v1 on CoreOS (seeds 000, 001): fleet schedules the units, etcd holds the settings.
/// Found from `FLEETCTL_ENDPOINT` (or `DEISCTL_TUNNEL`) with `ETCDCTL_ENDPOINTS`, or
/// `--fleet-endpoint`; confirmed by a fleet that answers and `/deis` keys in etcd.
public struct Deis1Plugin: PlatformPlugin {
    public init() {}

    public static let defaultEtcdEndpoint = "http://127.0.0.1:2379"
    public static let defaultFleetEndpoint = "unix:///var/run/fleet.sock"

    public var id: PlatformID { .deis1 }
    public var rules: [any Rule] {
        [Deis1RegistrationRule(), Deis1TLSRule(), Deis1RouterScaleRule(), Deis1PreseedRule(), Deis1PlanesRule(),
         Deis1EtcdSizeRule(), Deis1CephRule(), Deis1LoggingRule(), Deis1FirewallRule(), Deis1BackupRule(), EtcdQuorumRule()]
    }
    public var panes: [PaneSpec] { Deis1PaneSpecs.all }
    public var demoName: String { "deis-v1" }
    public var discoveryHelp: String {
        "$FLEETCTL_ENDPOINT or $DEISCTL_TUNNEL (with $ETCDCTL_ENDPOINTS, $FLEETCTL_TUNNEL); --fleet-endpoint, --etcd-endpoints"
    }

    public func accepts(_ request: TargetRequest) -> Bool { request.fleet != nil && request.kube == nil && request.docker == nil }
    public var detectionRank: Int { 30 }

    public func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection {
        guard let target = try? pinnedConnection(request) else { return .rejected("no fleet endpoint") }
        let result = await Deis1Detector(runner: runner, etcd: target.etcd, fleet: target.fleet).detect()
        return result.isDeis1 ? .confirmed(result.reasons.joined(separator: "; ")) : .rejected(result.reasons.joined(separator: "; "))
    }

    public func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest] {
        let endpoint = nonEmpty(environment["FLEETCTL_ENDPOINT"])
        let deisctlTunnel = nonEmpty(environment["DEISCTL_TUNNEL"])
        guard endpoint != nil || deisctlTunnel != nil else { return [] }
        let fleet = TargetRequest.Fleet(endpoint: endpoint, driver: nonEmpty(environment["FLEETCTL_DRIVER"]),
                                        tunnel: nonEmpty(environment["FLEETCTL_TUNNEL"]), deisctlTunnel: deisctlTunnel)
        return [TargetRequest(origin: .environment(endpoint != nil ? "FLEETCTL_ENDPOINT" : "DEISCTL_TUNNEL"),
                              etcd: EtcdTargets.fromEnvironment(environment), fleet: fleet)]
    }

    public func pin(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> Target {
        let (etcd, fleet) = try pinnedConnection(request)
        return Target(name: request.name ?? Self.name(fleet: fleet, etcd: etcd), platform: .deis1, etcd: etcd, fleet: fleet,
                      production: request.production, readOnly: request.readOnly, labels: request.labels)
    }

    func pinnedConnection(_ request: TargetRequest) throws -> (etcd: EtcdTarget, fleet: FleetTarget) {
        let etcd = try EtcdTargets.pin(request.etcd ?? TargetRequest.Etcd(endpoints: [Self.defaultEtcdEndpoint]))
        let wanted = request.fleet ?? TargetRequest.Fleet()
        return (etcd, FleetTarget(endpoint: wanted.endpoint ?? Self.defaultFleetEndpoint, tunnel: wanted.tunnel))
    }

    /// What the operator types to confirm a high-risk fix: the fleet tunnel or endpoint
    /// host, else the first etcd host, else "deis-v1" (a local socket has no better name).
    public static func name(fleet: FleetTarget, etcd: EtcdTarget) -> String {
        if let tunnel = fleet.tunnel, let host = tunnel.split(separator: ":").first, !host.isEmpty { return String(host) }
        for url in [fleet.endpoint] + etcd.endpoints {
            if let host = URLComponents(string: url)?.host, !host.isEmpty, host != "127.0.0.1", host != "localhost" { return host }
        }
        return "deis-v1"
    }

    public func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter {
        Deis1Adapter(target: target, etcd: target.etcd ?? EtcdTarget(endpoints: []), fleet: target.fleet ?? FleetTarget(endpoint: ""), runner: runner)
    }

    public var demoStates: [String] { [Deis1Demo.json] }

    public func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter] {
        [try Deis1Demo.makeAdapter(latencyMilliseconds: latencyMilliseconds)]
    }

    public func boardFacts(_ cluster: ClusterView) -> BoardFacts {
        var facts = BoardFacts()
        if let fleet = cluster.state?.fleet.value {
            facts.nodesTotal = fleet.machines.count
            facts.nodesReady = fleet.machines.count
        }
        EtcdBoardFacts.fill(&facts, from: cluster, asNodes: false)
        return facts
    }

    public func events(from old: ClusterState, to new: ClusterState, at time: Date) -> [WatchEvent] {
        EtcdEvents.events(old, new, WatchEvent.maker(for: new, at: time))
    }

    func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
}
