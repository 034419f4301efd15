import Foundation

/// The Deckhouse demo: one `KubeSandbox` per cluster of `DeckhouseScenario`, each behind
/// its own `SandboxRunner` pinned to that cluster's context, so a call meant for one
/// cluster can never reach the other.
enum DeckhouseDemo {
    static func json(cluster index: Int = 0) -> String {
        DeckhouseScenario.json(cluster: index)
    }

    static func makeAdapters(latencyMilliseconds: Int, now: Date = Date()) throws -> [any PlatformAdapter] {
        try DeckhouseScenario.contexts.enumerated().map { index, context in
            let sandbox = try KubeSandbox(scenarioJSON: DeckhouseScenario.json(cluster: index, now: now))
            let runner = SandboxRunner(kube: sandbox, pinnedContext: context, latencyMilliseconds: latencyMilliseconds)
            let kube = KubeTarget(kubeconfig: "(demo)", context: context)
            return DeckhouseAdapter(target: Target(name: context, platform: .deckhouse, kube: kube), kube: kube, runner: runner)
        }
    }
}
