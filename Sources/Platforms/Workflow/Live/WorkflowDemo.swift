import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesKit
import WorkflowRules

/// The Deis Workflow demo: `WorkflowScenario` behind a Kubernetes sandbox, reached through
/// the same pinned kubectl argv a real cluster gets.
public enum WorkflowDemo {
    public static let context = "demo"
    public static var json: String { WorkflowScenario.json }

    public static func makeAdapter(latencyMilliseconds: Int) throws -> any PlatformAdapter {
        let sandbox = try KubeSandbox(scenarioJSON: WorkflowScenario.json)
        let kube = KubeTarget(kubeconfig: "(demo)", context: context)
        let runner = SandboxRunner(tools: ["kubectl": PinnedKubeSandbox(sandbox, context: context)], latencyMilliseconds: latencyMilliseconds)
        return WorkflowAdapter(target: Target(name: "demo-workflow", platform: .workflow, kube: kube), kube: kube, runner: runner)
    }
}
