import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// `kubectl` of a demo cluster: the sandbox behind a check that every call carries the pinned
/// `--kubeconfig K --context C` first — the same guarantee the real runner's callers give.
public struct PinnedKubeSandbox: ToolSandbox {
    public let sandbox: KubeSandbox
    public let context: String

    public init(_ sandbox: KubeSandbox, context: String) {
        self.sandbox = sandbox
        self.context = context
    }

    public func answer(_ command: Command) throws(RunError) -> CommandOutput {
        var args = command.arguments
        guard args.count >= 4, args[0] == "--kubeconfig", args[2] == "--context", args[3] == context else {
            throw .nonZeroExit(command: command.displayLine, status: 1,
                               stderr: "error: sandbox refuses a kubectl call without the pinned --kubeconfig/--context")
        }
        args.removeFirst(4)
        return try sandbox.kubectl(args)
    }
}
