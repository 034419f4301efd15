/// Bundled demo scenarios, one per platform, each with known problems.
public enum DemoScenario: String, Sendable, CaseIterable {
    case workflow

    public var platform: PlatformID {
        switch self {
        case .workflow: return .workflow
        }
    }

    /// The scenario's cluster data, in the Kubernetes API test server's state format.
    public var json: String {
        switch self {
        case .workflow: return WorkflowScenario.json
        }
    }

    /// A ready-to-run adapter backed by a fresh sandbox of this scenario.
    public func makeAdapter(latencyMilliseconds: Int = 40) throws -> any PlatformAdapter {
        switch self {
        case .workflow:
            let sandbox = try KubeSandbox(scenarioJSON: json)
            let runner = SandboxRunner(kube: sandbox, pinnedContext: "demo", latencyMilliseconds: latencyMilliseconds)
            let kube = KubeTarget(kubeconfig: "(demo)", context: "demo")
            return WorkflowAdapter(target: Target(name: "demo-workflow", platform: .workflow, kube: kube), kube: kube, runner: runner)
        }
    }

}
