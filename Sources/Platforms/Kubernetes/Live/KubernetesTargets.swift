import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Finds and pins Kubernetes clusters for the platforms that run on one (Workflow, Deckhouse).
public enum KubernetesTargets {
    /// The kubeconfig's current context, when a kubeconfig exists (`$KUBECONFIG`'s first file,
    /// else `~/.kube/config`). Nothing is pinned yet: `pin` reads the current context once.
    public static func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest] {
        let resolver = KubeTargetResolver(runner: runner, environment: environment)
        let path = resolver.kubeconfigFromEnvironment()
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let origin = environment["KUBECONFIG"] != nil ? "$KUBECONFIG's current context" : "\(path)'s current context"
        return [TargetRequest(origin: .environment(origin), kube: TargetRequest.Kube(kubeconfig: path))]
    }

    /// The kube context pinned (an unknown context is refused by name). The platform attaches
    /// the request's etcd endpoints itself (`--context X --etcd-endpoints E`).
    public static func pin(_ request: TargetRequest, platform: PlatformID, environment: [String: String],
                           runner: any CommandRunner) async throws -> Target {
        guard let kube = request.kube else { throw PinError("a \(platform.displayName) cluster needs a kube context") }
        let resolver = KubeTargetResolver(runner: runner, environment: environment)
        let pinned = try await resolver.resolve(kubeconfig: kube.kubeconfig, context: kube.context)
        return Target(name: request.name ?? pinned.context, platform: platform, kube: pinned,
                      production: request.production, readOnly: request.readOnly, labels: request.labels)
    }

    /// The kubeconfig and the context made explicit: the current context is read now, once.
    public static func prepare(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> TargetRequest {
        guard let kube = request.kube else { return request }
        let pinned = try await KubeTargetResolver(runner: runner, environment: environment).resolve(kubeconfig: kube.kubeconfig, context: kube.context)
        var prepared = request
        prepared.kube = TargetRequest.Kube(kubeconfig: pinned.kubeconfig, context: pinned.context)
        return prepared
    }

    /// Every context of a kubeconfig, as requests (`--all-contexts`).
    public static func everyContext(kubeconfig: String?, environment: [String: String], runner: any CommandRunner,
                                    template: TargetRequest) async throws -> [TargetRequest] {
        let resolver = KubeTargetResolver(runner: runner, environment: environment)
        return try await resolver.contextNames(kubeconfig: kubeconfig).map { context in
            var request = template
            request.kube = TargetRequest.Kube(kubeconfig: kubeconfig, context: context)
            return request
        }
    }
}
