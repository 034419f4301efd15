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

/// Deis v1 on CoreOS (seeds 000, 001): fleet schedules the units, etcd's v2 store holds the
/// settings. Found from `FLEETCTL_ENDPOINT` (or `DEISCTL_TUNNEL`) with `FLEETCTL_DRIVER`,
/// `FLEETCTL_TUNNEL` and `ETCDCTL_ENDPOINTS`, or `--fleet-endpoint`; confirmed by a fleet that
/// answers and `/deis` keys in the v2 store.
public struct Deis1Plugin: PlatformPlugin {
    public init() {}


    public var id: PlatformID { .deis1 }
    public var rules: [any Rule] {
        [Deis1RegistrationRule(), Deis1TLSRule(), Deis1RouterScaleRule(), Deis1PreseedRule(), Deis1PlanesRule(),
         Deis1EtcdSizeRule(), Deis1EtcdProxyRule(), Deis1CephRule(), Deis1LoggingRule(), Deis1MonitoringRule(), Deis1FirewallRule(),
         Deis1BackupRule(), EtcdQuorumRule(acceptsEvenCount: Deis1EtcdSizing.evenCountAcceptance)]
    }
    public var panes: [PaneSpec] { Deis1PaneSpecs.all }
    public var demoName: String { "deis-v1" }
    public var discoveryHelp: String {
        "$FLEETCTL_ENDPOINT or $DEISCTL_TUNNEL (with $FLEETCTL_DRIVER, $FLEETCTL_TUNNEL, $ETCDCTL_ENDPOINTS); --fleet-endpoint, --fleet-driver, --fleet-tunnel, --etcd-endpoints"
    }

    public func accepts(_ request: TargetRequest) -> Bool { request.fleet != nil && request.kube == nil && request.docker == nil }
    public var detectionRank: Int { 30 }

    public func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection {
        guard let pins = try? Deis1Pins.pin(request) else { return .rejected("no fleet endpoint") }
        let result = await Deis1Detector(runner: runner, etcd: pins.etcd, fleet: pins.fleet).detect()
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
        let pins = try Deis1Pins.pin(request)
        return Target(name: request.name ?? Self.name(fleet: pins.fleet, etcd: pins.etcd, deisctl: pins.deisctl), platform: .deis1,
                      etcd: pins.etcd, fleet: pins.fleet, deisctl: pins.deisctl,
                      production: request.production, readOnly: request.readOnly, labels: request.labels)
    }

    /// What the operator types to confirm a high-risk fix: a tunnel host, else the fleet endpoint
    /// or first etcd host, else "deis-v1" (a local socket has no better name).
    public static func name(fleet: FleetTarget, etcd: EtcdTarget, deisctl: DeisctlTarget? = nil) -> String {
        for tunnel in [fleet.tunnel, deisctl?.tunnel].compactMap({ $0 }) {
            if let host = tunnel.split(separator: ":").first, !host.isEmpty { return String(host) }
        }
        for url in EtcdTargets.split(fleet.endpoint) + etcd.endpoints {
            if let host = URLComponents(string: url)?.host, !host.isEmpty, host != "127.0.0.1", host != "localhost" { return host }
        }
        return "deis-v1"
    }

    public func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter {
        Deis1Adapter(target: target, etcd: target.etcd ?? EtcdTarget(endpoints: []), fleet: target.fleet ?? FleetTarget(endpoint: ""),
                     deisctl: target.deisctl, runner: runner)
    }

    public var demoStates: [String] { [Deis1Demo.json] }

    public func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter] {
        [try Deis1Demo.makeAdapter(latencyMilliseconds: latencyMilliseconds)]
    }

    public func boardFacts(_ cluster: ClusterView) -> BoardFacts {
        var facts = BoardFacts()
        // fleet lists only machines whose agent is alive: every listed machine is up.
        if let fleet = cluster.state?.fleet.value {
            facts.nodesTotal = fleet.machines.count
            facts.nodesReady = fleet.machines.count
        }
        EtcdBoardFacts.fill(&facts, from: cluster, asNodes: false)
        // Deis v1's backups are its recorded data backups and /deis exports, not etcd snapshots.
        let records = cluster.state?.records.value
        facts.lastBackup = [Deis1Names.dataBackupKind, Deis1Names.configExportKind]
            .compactMap { records?.latestBackup(for: cluster.target.name, kind: $0)?.takenAt }.max()
        return facts
    }

    public func events(from old: ClusterState, to new: ClusterState, at time: Date) -> [WatchEvent] {
        let make = WatchEvent.maker(for: new, at: time)
        return EtcdEvents.events(old, new, make) + FleetEvents.events(old, new, make)
    }

    func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
}
