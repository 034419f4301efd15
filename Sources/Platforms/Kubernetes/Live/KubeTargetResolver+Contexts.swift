import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// Several clusters from one kubeconfig: `--context` given more than once, or every
/// context (`--all-contexts`). Each is pinned on its own, exactly as a single one is.
extension KubeTargetResolver {
    /// Pins each named context of the kubeconfig (flag, else `KUBECONFIG`, else `~/.kube/config`).
    public func resolve(kubeconfig: String?, contexts: [String]) async throws(TargetError) -> [KubeTarget] {
        var targets: [KubeTarget] = []
        for context in contexts where !targets.contains(where: { $0.context == context }) {
            targets.append(try await resolve(kubeconfig: kubeconfig, context: context))
        }
        return targets
    }

    /// Every context the kubeconfig names, as kubectl lists them (`config get-contexts -o name`).
    public func contextNames(kubeconfig: String?) async throws(TargetError) -> [String] {
        let path = kubeconfig ?? kubeconfigFromEnvironment()
        let command = Command("kubectl", ["--kubeconfig", path, "config", "get-contexts", "-o", "name"])
        let text: String
        do {
            text = try await runner.run(command).text(for: command)
        } catch {
            throw .cannotResolve("could not list the contexts of \(path): \(error.description)")
        }
        let names = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw .noCurrentContext(path) }
        return names
    }
}
