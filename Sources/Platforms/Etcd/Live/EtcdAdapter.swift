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
        var state = ClusterState(target: target)
        state.etcd = await EtcdProbe(runner: runner, target: etcd).probe()
        return state
    }

    public func planSnapshot(_ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        EtcdSnapshotPlanner(target: target).plan(request)
    }
}
