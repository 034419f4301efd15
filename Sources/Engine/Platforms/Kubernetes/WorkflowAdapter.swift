/// Deis Workflow on Kubernetes.
public struct WorkflowAdapter: PlatformAdapter {
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

    public var rules: [any Rule] {
        [RouterScaleRule(), RegistrationRule(), GrafanaSignupRule(), MinioRule(), TLSRule(), RBACRule(), NodesReadyRule()]
    }

    public func probe() async -> ClusterState {
        async let kubernetes = KubernetesProbe(runner: runner, target: kube).probe()
        // The etcd membership pane every platform shares, when etcd endpoints were given.
        async let etcd = Self.probeEtcd(target.etcd, runner: runner)
        var state = ClusterState(target: target, kubernetes: await kubernetes)
        if let etcd = await etcd { state.etcd = etcd }
        return state
    }

    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        KubernetesFixPlanner(target: kube).plan(intent, ruleID: ruleID, subject: subject)
    }

    /// etcd membership when the target names etcd endpoints; nil otherwise.
    static func probeEtcd(_ etcd: EtcdTarget?, runner: any CommandRunner) async -> Loaded<EtcdState>? {
        guard let etcd else { return nil }
        return await EtcdProbe(runner: runner, target: etcd).probe()
    }
}
