import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// Pins the Kubernetes target once, at start: the kubeconfig from the flag, else the
/// first file of `KUBECONFIG`, else `~/.kube/config`; the context from the flag, else
/// the kubeconfig's current context *at this moment*. Later changes to the user's
/// current context never reach shipshape.
public struct KubeTargetResolver: Sendable {
    public var runner: any CommandRunner
    public var environment: [String: String]

    public init(runner: any CommandRunner, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.runner = runner
        self.environment = environment
    }

    public func resolve(kubeconfig: String?, context: String?) async throws(TargetError) -> KubeTarget {
        let path = kubeconfig ?? kubeconfigFromEnvironment()
        guard FileManager.default.fileExists(atPath: path) else {
            throw .kubeconfigMissing(path)
        }
        if let context, !context.isEmpty {
            // A mistyped --context fails here, by name, rather than as an error on every pane.
            let known = try await contextNames(kubeconfig: path)
            guard known.contains(context) else { throw .unknownContext(context, path, known) }
            return KubeTarget(kubeconfig: path, context: context)
        }
        let command = Command("kubectl", ["--kubeconfig", path, "config", "current-context"])
        do {
            let output = try await runner.run(command)
            let name = try output.text(for: command).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { throw TargetError.noCurrentContext(path) }
            return KubeTarget(kubeconfig: path, context: name)
        } catch let error as TargetError {
            throw error
        } catch let error as RunError {
            if case .nonZeroExit = error { throw .noCurrentContext(path) }
            throw .cannotResolve(error.description)
        } catch {
            throw .cannotResolve(String(describing: error))
        }
    }

    public func kubeconfigFromEnvironment() -> String {
        if let list = environment["KUBECONFIG"], let first = list.split(separator: ":").first(where: { !$0.isEmpty }) {
            return String(first)
        }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.kube/config"
    }
}

