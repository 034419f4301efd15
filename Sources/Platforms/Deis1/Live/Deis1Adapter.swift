import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPlatform
import Deis1Rules

/// Deis v1: CoreOS machines run by fleet, configuration in etcd. Probes both tools
/// concurrently; fixes go through etcdctl and fleetctl pinned to the same cluster.
public struct Deis1Adapter: PlatformAdapter, SettingToggle, ReplicaScaling, ImagePreseeding {
    public let target: Target
    public let runner: any CommandRunner
    let etcd: EtcdTarget
    let fleet: FleetTarget
    let readImages: Bool

    public init(target: Target, etcd: EtcdTarget, fleet: FleetTarget, runner: any CommandRunner, readImages: Bool = true) {
        var target = target
        target.etcd = etcd
        target.fleet = fleet
        self.target = target
        self.etcd = etcd
        self.fleet = fleet
        self.runner = runner
        self.readImages = readImages
    }

    public func probe() async -> ClusterState {
        async let etcdState = EtcdProbe(runner: runner, target: etcd, keys: Deis1Names.watchedKeys).probe()
        async let fleetState = FleetProbe(runner: runner, target: fleet, readImages: readImages).probe()
        var state = ClusterState(target: target)
        state.etcd = await etcdState
        state.fleet = await fleetState
        return state
    }

    func planner(_ request: PlanRequest) -> Deis1FixPlanner {
        Deis1FixPlanner(etcd: etcd, fleet: fleet, seen: request.state?.fleet.value)
    }

    public func planSetting(_ setting: Setting, from: String?, to: String?, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        planner(request).planSetting(setting, from: from, to: to, ruleID: request.ruleID, subject: request.subject)
    }

    public func planScale(workload: String, from: Int, to: Int, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        planner(request).planScale(workload: workload, from: from, to: to, ruleID: request.ruleID, subject: request.subject)
    }

    public func planPreseed(machine: String, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        planner(request).planPreseed(machine: machine, ruleID: request.ruleID, subject: request.subject)
    }
}
