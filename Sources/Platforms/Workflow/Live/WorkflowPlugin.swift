import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import KubernetesRules
import KubernetesKit
import EtcdRules
import EtcdPlatform
import WorkflowRules
import WorkflowPanes

/// Deis Workflow on Kubernetes (seed 002). Any Kubernetes context that is not Deckhouse is
/// read as Workflow, so a cluster without Workflow says so finding by finding.
public struct WorkflowPlugin: PlatformPlugin {
    public init() {}

    public var id: PlatformID { .workflow }
    public var rules: [any Rule] {
        WorkflowRuleList.all + [NodesReadyRule(), EtcdQuorumRule(), EtcdSnapshotRule()]
    }
    public var panes: [PaneSpec] { WorkflowPaneSpecs.all }
    public var discoveryHelp: String { "the kubeconfig's current context ($KUBECONFIG, else ~/.kube/config); --context, --all-contexts" }

    public func accepts(_ request: TargetRequest) -> Bool { request.kube != nil }
    public var detectionRank: Int { 60 }

    public func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection {
        guard let kube = request.kube, let context = kube.context, let kubeconfig = kube.kubeconfig else {
            return .fallback("a Kubernetes context")
        }
        let reader = KubernetesProbe(runner: runner, target: KubeTarget(kubeconfig: kubeconfig, context: context))
        let path = "/apis/apps/v1/namespaces/\(WorkflowNames.namespace)/deployments/\(WorkflowNames.controller)"
        if await reader.read("Workflow controller", path, KubeDecoder.deployment).value != nil {
            return .confirmed("runs \(WorkflowNames.namespace)/\(WorkflowNames.controller)")
        }
        return .fallback("a Kubernetes cluster without Deckhouse")
    }

    public func prepare(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> TargetRequest {
        try await KubernetesTargets.prepare(request, environment: environment, runner: runner)
    }

    public func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest] {
        await KubernetesTargets.discover(environment: environment, runner: runner)
    }

    public func pin(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> Target {
        var target = try await KubernetesTargets.pin(request, platform: .workflow, environment: environment, runner: runner)
        target.etcd = try request.etcd.map(EtcdTargets.pin)
        return target
    }

    public func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter {
        WorkflowAdapter(target: target, kube: target.kube ?? KubeTarget(kubeconfig: "", context: ""), runner: runner)
    }

    public var demoStates: [String] { [WorkflowScenario.json] }

    public func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter] {
        [try WorkflowDemo.makeAdapter(latencyMilliseconds: latencyMilliseconds)]
    }

    public func boardFacts(_ cluster: ClusterView) -> BoardFacts {
        var facts = KubernetesBoardFacts.facts(cluster)
        EtcdBoardFacts.fill(&facts, from: cluster, asNodes: false)
        return facts
    }

    /// A watch per list the probe reads, and etcd's members checked every interval where the
    /// cluster names its etcd.
    public func watchSources(for adapter: any PlatformAdapter, interval: Double) -> [any WatchSource] {
        guard let kube = adapter.target.kube else { return [] }
        var sources = KubernetesWatchSources.sources(probe: KubernetesProbe(runner: adapter.runner, target: kube), interval: interval)
        if let etcd = adapter.target.etcd { sources.append(EtcdWatchSources.members(etcd, runner: adapter.runner, interval: interval)) }
        return sources
    }

    public func events(from old: ClusterState, to new: ClusterState, at time: Date) -> [WatchEvent] {
        let make = WatchEvent.maker(for: new, at: time)
        return KubernetesEvents.events(old, new, make) + EtcdEvents.events(old, new, make)
    }
}
