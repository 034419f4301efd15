import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform

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
            let runner = SandboxRunner(tools: ["kubectl": PinnedKubeSandbox(sandbox, context: context)], latencyMilliseconds: latencyMilliseconds)
            let kube = KubeTarget(kubeconfig: "(demo)", context: context)
            let target = Target(name: context, platform: .deckhouse, kube: kube, labels: DeckhouseScenario.labels[index])
            return DeckhouseAdapter(target: target, kube: kube, runner: runner)
        }
    }
}
