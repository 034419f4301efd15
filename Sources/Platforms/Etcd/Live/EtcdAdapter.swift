import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules

/// A bare etcd cluster: membership and health from every member, snapshots.
public struct EtcdAdapter: PlatformAdapter, SnapshotTaking {
    public let target: Target
    public let runner: any CommandRunner
    let etcd: EtcdTarget

    public init(target: Target, etcd: EtcdTarget, runner: any CommandRunner) {
        var target = target
        target.etcd = etcd
        self.target = target
        self.etcd = etcd
        self.runner = runner
    }

    public func probe() async -> ClusterState {
        async let members = EtcdProbe(runner: runner, target: etcd).probe()
        async let use = EtcdStoreUseProbe(runner: runner, target: etcd).probe()
        var state = ClusterState(target: target)
        state.etcd = await members
        let storeUse = await use
        if var value = state.etcd.value {
            value.storeUse = storeUse
            state.etcd = .loaded(value)
        }
        return state
    }

    public func planSnapshot(_ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        EtcdSnapshotPlanner(target: target).plan(request)
    }
}
