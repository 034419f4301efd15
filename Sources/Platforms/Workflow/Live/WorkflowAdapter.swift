import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesKit
import EtcdPlatform
import WorkflowRules
import EtcdRules

/// Deis Workflow on Kubernetes: the Kubernetes reads, plus etcd when the cluster names its
/// endpoints. Scales deployments, sets container environment, and snapshots that etcd.
public struct WorkflowAdapter: PlatformAdapter, ReplicaScaling, SettingToggle, SnapshotTaking {
    public let target: Target
    public let runner: any CommandRunner
    let kube: KubeTarget

    public init(target: Target, kube: KubeTarget, runner: any CommandRunner) {
        var target = target
        target.kube = kube
        self.target = target
        self.kube = kube
        self.runner = runner
    }

    public func probe() async -> ClusterState {
        async let kubernetes = KubernetesProbe(runner: runner, target: kube).probe()
        async let workflow = WorkflowProbe(reader: KubernetesProbe(runner: runner, target: kube)).probe()
        // The etcd membership pane every platform shares, when etcd endpoints were given.
        async let etcd = EtcdProbe.probeIfNamed(target.etcd, runner: runner)
        var state = ClusterState(target: target, kubernetes: await kubernetes)
        state.workflow = .loaded(await workflow)
        if let etcd = await etcd { state.etcd = etcd }
        return state
    }

    public func planScale(workload: String, from: Int, to: Int, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        KubernetesFixPlanner(target: kube).planScale(workload: workload, from: from, to: to, request)
    }

    /// A setting with a container is that container's environment (`kubectl set env`); one
    /// without is an annotation of the workload (`kubectl annotate`) — annotation keys carry a
    /// `/`, which no environment variable name can. `kubectl set env` changes the live
    /// Deployment only: the next `helm upgrade` of the Workflow chart renders the chart's value
    /// again, so the preview names that value. An annotation the chart does not render stays
    /// through an upgrade; the preview names the value that makes it part of the chart.
    public func planSetting(_ setting: Setting, from: String?, to: String?, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        if setting.container == nil, setting.key.contains("/") {
            let note = "a helm upgrade keeps it (the chart sets no such annotation); to make it part of the chart, add it under \(WorkflowNames.routerAnnotationsValue) in your values"
            return KubernetesFixPlanner(target: kube).planAnnotation(setting, from: from, to: to, request, note: note)
        }
        let note = WorkflowNames.chartValue(for: setting.key).map {
            "the next helm upgrade, which renders \($0) again: set \($0)=\(to ?? "…") in your values to keep it"
        }
        return KubernetesFixPlanner(target: kube).planEnv(setting, from: from, to: to, request, note: note)
    }

    public func planSnapshot(_ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        EtcdSnapshotPlanner(target: target).plan(request)
    }
}
