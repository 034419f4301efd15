import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesKit
import EtcdPlatform
import DeckhouseRules
import EtcdRules

/// Deckhouse (Kubernetes): the Deckhouse probe (and etcd when the cluster names endpoints);
/// changes ModuleConfig `deckhouse` — the release channel and the update windows —, approves
/// releases, and runs the etcd backup CronJob on demand.
public struct DeckhouseAdapter: PlatformAdapter, SettingToggle, UpdateWindowEditing, SnapshotTaking, ReleaseApproving, ScheduledJobRunning {
    public let target: Target
    public let runner: any CommandRunner
    let kube: KubeTarget

    public init(target: Target, kube: KubeTarget, runner: any CommandRunner) {
        var target = target
        target.kube = kube
        target.platform = .deckhouse
        self.target = target
        self.kube = kube
        self.runner = runner
    }

    public func probe() async -> ClusterState {
        async let reading = DeckhouseProbe(runner: runner, target: kube).probe()
        async let etcd = EtcdProbe.probeIfNamed(target.etcd, runner: runner)
        let read = await reading
        var state = ClusterState(target: target, kubernetes: read.kubernetes)
        state.deckhouse = .loaded(read.deckhouse)
        if let etcd = await etcd { state.etcd = etcd }
        return state
    }

    var planner: DeckhouseFixPlanner { DeckhouseFixPlanner(target: kube) }

    public func planSetting(_ setting: Setting, from: String?, to: String?, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        guard let plan = planner.plan(.setSetting(setting, from: from, to: to), ruleID: request.ruleID, subject: request.subject) else {
            return .failure(FixRefusal("Deckhouse has no fix for \(setting)"))
        }
        return .success(plan)
    }

    public func updateWindows(in state: ClusterState?) -> Result<[UpdateWindowSpec], FixRefusal> {
        switch state?.deckhouse.value?.settings {
        case .loaded(let settings)?: return .success(settings.rawWindows)
        case .failed(let error)?: return .failure(FixRefusal("cannot add a window: \(error.message)"))
        default: return .failure(FixRefusal("the update settings of \(target.name) are not read yet (r refreshes)"))
        }
    }

    public func planWindow(_ window: UpdateWindowSpec, existing: [UpdateWindowSpec], adding: Bool, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        if adding, existing.contains(window) { return .failure(FixRefusal("the cluster already has the window \(window)")) }
        let intent: FixIntent = adding ? .addUpdateWindow(window: window, existing: existing) : .removeUpdateWindow(window: window, existing: existing)
        guard let plan = planner.plan(intent, ruleID: request.ruleID, subject: request.subject) else {
            return .failure(FixRefusal("cannot plan \(intent.summary)"))
        }
        return .success(plan)
    }

    public func planApproval(release: String, version: String, approve: Bool, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        let deckhouse = request.state?.deckhouse.value
        if let releases = deckhouse?.releases.value {
            guard let found = releases.first(where: { $0.name == release }) else {
                return .failure(FixRefusal("no DeckhouseRelease \(release) in the last read; refresh, then try again"))
            }
            guard found.isPending else { return .failure(FixRefusal("release \(found.version) is \(found.phase), not Pending: nothing to approve")) }
            if approve, found.approved { return .failure(FixRefusal("release \(found.version) is approved already")) }
        }
        return .success(planner.planApproval(release: release, version: version, approve: approve, settings: deckhouse?.settings.value,
                                             now: request.now, ruleID: request.ruleID, subject: request.subject))
    }

    public func planJobRun(namespace: String, cronJobs: [String], _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        planner.planJobRun(namespace: namespace, cronJobs: cronJobs, now: request.now, ruleID: request.ruleID, subject: request.subject)
    }

    public func planSnapshot(_ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        EtcdSnapshotPlanner(target: target).plan(request)
    }
}
