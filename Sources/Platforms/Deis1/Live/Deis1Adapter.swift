import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPlatform
import Deis1Rules

/// Deis v1: CoreOS machines run by fleet, configuration in the etcd **v2** store. Probes etcd (v2)
/// and fleet concurrently, then asks the machines that are no etcd member whether a proxy answers
/// on their localhost; fixes go through deisctl (settings, router scale) and fleetctl (preseed),
/// each pinned to the same cluster.
public struct Deis1Adapter: PlatformAdapter, SettingToggle, ReplicaScaling, ImagePreseeding, ConfigExporting {
    public let target: Target
    public let runner: any CommandRunner
    let etcd: EtcdTarget
    let fleet: FleetTarget
    let deisctl: DeisctlTarget
    /// Reading images and asking for local etcd cost one SSH session per machine.
    let readImages: Bool
    let askProxies: Bool

    public init(target: Target, etcd: EtcdTarget, fleet: FleetTarget, deisctl: DeisctlTarget? = nil, runner: any CommandRunner,
                readImages: Bool = true, askProxies: Bool = true) {
        var target = target
        let deisctl = deisctl ?? Deis1Pins.deisctl(for: etcd, tunnel: nil)
        target.etcd = etcd
        target.fleet = fleet
        target.deisctl = deisctl
        self.target = target
        self.etcd = etcd
        self.fleet = fleet
        self.deisctl = deisctl
        self.runner = runner
        self.readImages = readImages
        self.askProxies = askProxies
    }

    public func probe() async -> ClusterState {
        async let etcdState = EtcdV2Probe(runner: runner, target: etcd, keys: Deis1Names.watchedKeys, prefix: Deis1Names.prefix).probe()
        async let fleetState = FleetProbe(runner: runner, target: fleet, readImages: readImages).probe()
        var state = ClusterState(target: target)
        state.etcd = await etcdState
        state.fleet = await fleetState
        if askProxies, var fleetValue = state.fleet.value, let etcdValue = state.etcd.value {
            let outside = fleetValue.machines.filter { MachineEtcdRole.of($0, in: etcdValue) == .proxy }
            fleetValue.localEtcd = await LocalEtcdProbe(runner: runner, fleet: fleet, sshTimeoutSeconds: 20).probe(outside)
            state.fleet = .loaded(fleetValue)
        }
        return state
    }

    func planner(_ request: PlanRequest) -> Deis1FixPlanner {
        Deis1FixPlanner(etcd: etcd, fleet: fleet, deisctl: deisctl, seen: request.state?.fleet.value)
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

    public func planConfigExport(_ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        planner(request).planConfigExport(targetName: target.name, ruleID: request.ruleID, subject: request.subject,
                                          backupDirectory: request.backupDirectory, now: request.now)
    }
}
