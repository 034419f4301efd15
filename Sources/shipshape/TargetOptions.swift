import ArgumentParser
import Engine

/// Flags that name the cluster. Resolved once at start and pinned.
struct TargetOptions: ParsableArguments {
    @Option(help: "Platform of the target: workflow.")
    var platform: PlatformID = .workflow

    @Option(help: "kubeconfig file (default: first file of $KUBECONFIG, else ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "kubeconfig context to pin (default: the current context at start).")
    var context: String?

    @Option(help: "Seconds before a tool call is abandoned.")
    var timeout: Double = 10

    @Flag(help: "Mark the target as production: drawn in its own colour everywhere.")
    var production = false

    /// Builds the adapter for a real cluster: pins the target through kubectl once.
    func makeAdapter() async throws -> any PlatformAdapter {
        let runner = ProcessRunner(defaultTimeoutSeconds: timeout)
        switch platform {
        case .workflow:
            let kube = try await KubeTargetResolver(runner: runner).resolve(kubeconfig: kubeconfig, context: context)
            let target = Target(name: kube.context, platform: .workflow, kube: kube, production: production)
            return WorkflowAdapter(target: target, kube: kube, runner: runner)
        default:
            throw ValidationError("platform \(platform.rawValue) is not available yet; use --platform workflow")
        }
    }
}

extension PlatformID: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension DemoScenario: ExpressibleByArgument {}
