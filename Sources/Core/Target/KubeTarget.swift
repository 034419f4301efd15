/// A Kubernetes cluster pinned by kubeconfig file and context name, resolved once at
/// start. Every kubectl call is built here, so none can drift to whatever context the
/// user switches to in another terminal.
public struct KubeTarget: Sendable, Hashable, Codable {
    public var kubeconfig: String
    public var context: String

    public init(kubeconfig: String, context: String) {
        self.kubeconfig = kubeconfig
        self.context = context
    }

    /// `kubectl --kubeconfig K --context C ARGS…`
    public func kubectl(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        Command("kubectl", ["--kubeconfig", kubeconfig, "--context", context] + arguments, timeoutSeconds: timeoutSeconds)
    }

    /// `kubectl get --raw PATH`: bytes pass through kubectl untouched, which is what
    /// makes large reads cheap (see reference/kubectl-wire.md).
    public func rawGet(_ path: String) -> Command {
        kubectl(["get", "--raw", path])
    }
}
