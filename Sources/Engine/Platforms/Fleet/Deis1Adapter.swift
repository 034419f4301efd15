/// Deis v1: CoreOS machines run by fleet, configuration in etcd. Probes both tools
/// concurrently; fixes go through etcdctl and fleetctl pinned to the same cluster.
public struct Deis1Adapter: PlatformAdapter {
    public let target: Target
    public let runner: any CommandRunner
    let etcd: EtcdTarget
    let fleet: FleetTarget
    let readImages: Bool
    let ledger = FleetLedger()

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

    public var rules: [any Rule] {
        [Deis1RegistrationRule(), Deis1TLSRule(), Deis1RouterScaleRule(), Deis1PreseedRule(), Deis1PlanesRule(),
         Deis1EtcdSizeRule(), Deis1CephRule(), Deis1LoggingRule(), Deis1FirewallRule(), Deis1BackupRule(), EtcdQuorumRule()]
    }

    public func probe() async -> ClusterState {
        async let etcdState = EtcdProbe(runner: runner, target: etcd, keys: Deis1Names.watchedKeys).probe()
        async let fleetState = FleetProbe(runner: runner, target: fleet, readImages: readImages).probe()
        var state = ClusterState(target: target)
        state.etcd = await etcdState
        state.fleet = await fleetState
        ledger.record(state.fleet.value)
        return state
    }

    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        Deis1FixPlanner(etcd: etcd, fleet: fleet, seen: ledger.current).plan(intent, ruleID: ruleID, subject: subject)
    }
}
