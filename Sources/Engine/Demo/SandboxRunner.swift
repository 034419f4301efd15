/// A `CommandRunner` for the embedded demo: answers tool argv from in-memory
/// clusters instead of starting processes. It checks that every kubectl call carries
/// the pinned target — the same guarantee the real runner relies on.
public struct SandboxRunner: CommandRunner {
    public let kube: KubeSandbox?
    public let pinnedContext: String
    /// Simulated tool latency, so the demo shows loading states honestly.
    public var latencyMilliseconds: Int

    public init(kube: KubeSandbox?, pinnedContext: String = "demo", latencyMilliseconds: Int = 40) {
        self.kube = kube
        self.pinnedContext = pinnedContext
        self.latencyMilliseconds = latencyMilliseconds
    }

    public func run(_ command: Command) async throws(RunError) -> CommandOutput {
        if latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(latencyMilliseconds)) }
        switch command.executable {
        case "kubectl":
            guard let kube else { throw .missingBinary("kubectl") }
            var args = command.arguments
            guard args.count >= 4, args[0] == "--kubeconfig", args[2] == "--context", args[3] == pinnedContext else {
                throw .nonZeroExit(command: command.displayLine, status: 1,
                                   stderr: "error: sandbox refuses a kubectl call without the pinned --kubeconfig/--context")
            }
            args.removeFirst(4)
            return try kube.kubectl(args)
        default:
            throw .missingBinary(command.executable)
        }
    }
}
