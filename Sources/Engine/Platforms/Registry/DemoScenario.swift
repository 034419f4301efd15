/// Bundled demo scenarios, one per platform, each with known problems.
public enum DemoScenario: String, Sendable, CaseIterable {
    case workflow
    case deis1 = "deis-v1"
    case swarm
    /// Two Deckhouse clusters side by side (`makeAdapters()` returns both).
    case deckhouse

    public var platform: PlatformID {
        switch self {
        case .workflow: return .workflow
        case .deis1: return .deis1
        case .swarm: return .swarm
        case .deckhouse: return .deckhouse
        }
    }

    /// The scenario's cluster data, in the Kubernetes API test server's state format.
    public var json: String {
        switch self {
        case .workflow: return WorkflowScenario.json
        case .deis1: return Deis1Demo.json
        case .swarm: return SwarmDemo.json
        case .deckhouse: return DeckhouseDemo.json(cluster: 0)
        }
    }

    /// The state of each cluster of the scenario (one for every scenario but Deckhouse).
    public var clusterJSONs: [String] {
        switch self {
        case .deckhouse: return DeckhouseScenario.contexts.indices.map { DeckhouseDemo.json(cluster: $0) }
        default: return [json]
        }
    }

    /// Every cluster of the scenario, each with its own sandbox and pinned context. Single-
    /// cluster scenarios give one adapter, the same `makeAdapter()` gives.
    public func makeAdapters(latencyMilliseconds: Int = 40) throws -> [any PlatformAdapter] {
        switch self {
        case .deckhouse: return try DeckhouseDemo.makeAdapters(latencyMilliseconds: latencyMilliseconds)
        default: return [try makeAdapter(latencyMilliseconds: latencyMilliseconds)]
        }
    }

    /// A ready-to-run adapter backed by a fresh sandbox of this scenario.
    public func makeAdapter(latencyMilliseconds: Int = 40) throws -> any PlatformAdapter {
        switch self {
        case .workflow:
            let sandbox = try KubeSandbox(scenarioJSON: json)
            let runner = SandboxRunner(kube: sandbox, pinnedContext: "demo", latencyMilliseconds: latencyMilliseconds)
            let kube = KubeTarget(kubeconfig: "(demo)", context: "demo")
            return WorkflowAdapter(target: Target(name: "demo-workflow", platform: .workflow, kube: kube), kube: kube, runner: runner)
        case .deis1:
            return try Deis1Demo.makeAdapter(latencyMilliseconds: latencyMilliseconds)
        case .swarm:
            return try SwarmDemo.makeAdapter(latencyMilliseconds: latencyMilliseconds)
        case .deckhouse:
            return try DeckhouseDemo.makeAdapters(latencyMilliseconds: latencyMilliseconds)[0]
        }
    }

}
