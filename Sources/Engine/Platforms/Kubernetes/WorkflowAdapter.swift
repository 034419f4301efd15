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
        let kubernetes = await KubernetesProbe(runner: runner, target: kube).probe()
        return ClusterState(target: target, kubernetes: kubernetes)
    }

    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        KubernetesFixPlanner(target: kube).plan(intent, ruleID: ruleID, subject: subject)
    }
}
