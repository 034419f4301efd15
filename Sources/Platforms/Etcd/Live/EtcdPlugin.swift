import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import EtcdRules
import EtcdPanes

/// A bare etcd cluster (the one behind Kubernetes, or any other): found from
/// `ETCDCTL_ENDPOINTS` or `--etcd-endpoints` alone; members pane, ETCD-QUORUM, snapshots.
public struct EtcdPlugin: PlatformPlugin {
    public init() {}

    public var id: PlatformID { .etcd }
    public var rules: [any Rule] { [EtcdQuorumRule(), EtcdSnapshotRule()] }
    public var panes: [PaneSpec] { [EtcdPaneSpecs.members, EtcdPaneSpecs.backups] }
    public var discoveryHelp: String { "$ETCDCTL_ENDPOINTS (with $ETCDCTL_CACERT/CERT/KEY); --etcd-endpoints" }

    /// Endpoints alone: a request that also names a fleet is Deis v1's or nothing — falling back to
    /// "bare etcd" would hide why it is not Deis v1.
    public func accepts(_ request: TargetRequest) -> Bool {
        request.etcd != nil && request.kube == nil && request.docker == nil && request.fleet == nil
    }
    /// Anything else that has etcd (Deis v1) is asked first.
    public var detectionRank: Int { 90 }

    public func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection {
        .fallback("etcd endpoints and nothing else")
    }

    public func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest] {
        guard let etcd = EtcdTargets.fromEnvironment(environment) else { return [] }
        return [TargetRequest(origin: .environment("ETCDCTL_ENDPOINTS"), etcd: etcd)]
    }

    public func pin(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> Target {
        guard let wanted = request.etcd else { throw PinError("an etcd cluster needs endpoints (--etcd-endpoints)") }
        let etcd = try EtcdTargets.pin(wanted)
        return Target(name: request.name ?? EtcdTargets.defaultName(etcd), platform: .etcd, etcd: etcd,
                      production: request.production, readOnly: request.readOnly, labels: request.labels)
    }

    public func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter {
        EtcdAdapter(target: target, etcd: target.etcd ?? EtcdTarget(endpoints: []), runner: runner)
    }

    public var demoStates: [String] { [EtcdDemo.json] }

    public func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter] {
        [try EtcdDemo.makeAdapter(latencyMilliseconds: latencyMilliseconds)]
    }

    public func boardFacts(_ cluster: ClusterView) -> BoardFacts {
        var facts = BoardFacts()
        EtcdBoardFacts.fill(&facts, from: cluster, asNodes: true)
        return facts
    }

    /// A bare etcd's rules read no keys: its members, checked every interval, are all there is to follow.
    public func watchSources(for adapter: any PlatformAdapter, interval: Double) -> [any WatchSource] {
        guard let etcd = adapter.target.etcd else { return [] }
        return [EtcdWatchSources.members(etcd, runner: adapter.runner, interval: interval)]
    }

    public func events(from old: ClusterState, to new: ClusterState, at time: Date) -> [WatchEvent] {
        EtcdEvents.events(old, new, WatchEvent.maker(for: new, at: time))
    }
}
