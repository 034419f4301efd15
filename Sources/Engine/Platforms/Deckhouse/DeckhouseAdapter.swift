/// Deckhouse (Kubernetes): the Deckhouse probe, every DH-* rule plus NODES-READY, and the
/// ModuleConfig fixes (release channel, update windows).
public struct DeckhouseAdapter: PlatformAdapter {
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

    public var rules: [any Rule] { DeckhouseRules.all() + [NodesReadyRule()] }

    public func probe() async -> ClusterState {
        async let reading = DeckhouseProbe(runner: runner, target: kube).probe()
        async let etcd = Self.probeEtcd(target.etcd, runner: runner)
        let read = await reading
        var state = ClusterState(target: target, kubernetes: read.kubernetes)
        state.deckhouse = .loaded(read.deckhouse)
        if let etcd = await etcd { state.etcd = etcd }
        return state
    }

    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        DeckhouseFixPlanner(target: kube).plan(intent, ruleID: ruleID, subject: subject)
    }

    /// etcd membership when the target names etcd endpoints; nil otherwise.
    static func probeEtcd(_ etcd: EtcdTarget?, runner: any CommandRunner) async -> Loaded<EtcdState>? {
        guard let etcd else { return nil }
        return await EtcdProbe(runner: runner, target: etcd).probe()
    }
}
