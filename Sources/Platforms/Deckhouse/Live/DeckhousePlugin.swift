import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import KubernetesRules
import KubernetesKit
import EtcdRules
import EtcdPlatform
import DeckhouseRules
import DeckhousePanes

/// Deckhouse on Kubernetes (seed 004): a Kubernetes context that serves `deckhouse.io` and
/// has ModuleConfig `deckhouse`.
public struct DeckhousePlugin: PlatformPlugin {
    public init() {}

    public var id: PlatformID { .deckhouse }
    public var rules: [any Rule] { DeckhouseRuleList.all() + [NodesReadyRule(), EtcdQuorumRule(), EtcdSnapshotRule()] }
    public var panes: [PaneSpec] { DeckhousePaneSpecs.all }
    public var discoveryHelp: String { "the kubeconfig's current context, when it serves deckhouse.io; --context, --all-contexts" }

    public func accepts(_ request: TargetRequest) -> Bool { request.kube != nil }
    /// Asked before Workflow, which takes any Kubernetes context.
    public var detectionRank: Int { 20 }

    public func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection {
        guard let kube = request.kube, let context = kube.context, let kubeconfig = kube.kubeconfig else {
            return .rejected("no pinned context")
        }
        return await DeckhouseDetection.detect(runner: runner, target: KubeTarget(kubeconfig: kubeconfig, context: context))
    }

    public func prepare(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> TargetRequest {
        try await KubernetesTargets.prepare(request, environment: environment, runner: runner)
    }

    public func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest] {
        await KubernetesTargets.discover(environment: environment, runner: runner)
    }

    public func pin(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> Target {
        var target = try await KubernetesTargets.pin(request, platform: .deckhouse, environment: environment, runner: runner)
        target.etcd = try request.etcd.map(EtcdTargets.pin)
        return target
    }

    public func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter {
        DeckhouseAdapter(target: target, kube: target.kube ?? KubeTarget(kubeconfig: "", context: ""), runner: runner)
    }

    public var demoStates: [String] { DeckhouseScenario.contexts.indices.map { DeckhouseDemo.json(cluster: $0) } }

    public func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter] {
        try DeckhouseDemo.makeAdapters(latencyMilliseconds: latencyMilliseconds)
    }

    public func boardFacts(_ cluster: ClusterView) -> BoardFacts {
        var facts = KubernetesBoardFacts.facts(cluster)
        EtcdBoardFacts.fill(&facts, from: cluster, asNodes: false)
        if let settings = cluster.state?.deckhouse.value?.settings.value {
            facts.nextWindow = settings.nextWindowText(now: cluster.state?.readAt ?? Date())
        }
        if let ok = cluster.state?.deckhouse.value?.etcdBackupJobs.value?.compactMap(\.lastSuccess).max() {
            facts.lastBackup = max(facts.lastBackup ?? ok, ok)
        }
        return facts
    }

    /// The other open Deckhouse clusters' update settings, as peers for DH-WINDOWS-OVERLAP.
    public func joinEstate(_ state: ClusterState, others: [ClusterView]) -> ClusterState {
        guard case .loaded(var deckhouse) = state.deckhouse else { return state }
        deckhouse.peers = others.filter { $0.target.platform == .deckhouse }.map { other in
            DeckhousePeer(name: other.target.name, settings: other.state?.deckhouse.value?.settings.value, labels: other.target.labels)
        }
        var state = state
        state.deckhouse = .loaded(deckhouse)
        return state
    }

    public func watchSources(for adapter: any PlatformAdapter, interval: Double) -> [any WatchSource] {
        guard let kube = adapter.target.kube else { return [] }
        var sources = DeckhouseWatchSources.sources(kube: kube, runner: adapter.runner, interval: interval) { await adapter.probe() }
        if let etcd = adapter.target.etcd { sources.append(EtcdWatchSources.members(etcd, runner: adapter.runner, interval: interval)) }
        return sources
    }

    public func events(from old: ClusterState, to new: ClusterState, at time: Date) -> [WatchEvent] {
        let make = WatchEvent.maker(for: new, at: time)
        return KubernetesEvents.events(old, new, make) + EtcdEvents.events(old, new, make)
    }
}
