import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// The bundled demos: one per platform, each with known problems, and `estate`, which opens
/// every platform's demo clusters side by side on the estate board.
public struct DemoScenario: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    /// The platforms whose demo clusters it opens.
    public let platforms: [PlatformID]

    public var description: String { name }

    /// `workflow`, `deckhouse`, `deis-v1`, `swarm`, `etcd`, `estate`.
    public static var all: [DemoScenario] {
        let registry = PlatformRegistry.standard
        return registry.plugins.map { DemoScenario(name: $0.demoName, platforms: [$0.id]) }
            + [DemoScenario(name: "estate", platforms: registry.ids)]
    }

    public static func named(_ name: String) -> DemoScenario? {
        all.first { $0.name == name || ($0.platforms.count == 1 && $0.platforms[0].rawValue == name) }
    }

    public static var workflow: DemoScenario { named("workflow")! }
    public static var deckhouse: DemoScenario { named("deckhouse")! }
    public static var deis1: DemoScenario { named("deis-v1")! }
    public static var swarm: DemoScenario { named("swarm")! }
    public static var etcd: DemoScenario { named("etcd")! }
    public static var estate: DemoScenario { named("estate")! }

    /// The state of each cluster of the scenario (what the demo serves, see `demoStates`).
    public func clusterJSONs(registry: PlatformRegistry = .standard) -> [String] {
        platforms.compactMap(registry.plugin(for:)).flatMap(\.demoStates)
    }

    public var clusterJSONs: [String] { clusterJSONs() }
    /// The first cluster's state.
    public var json: String { clusterJSONs[0] }

    /// The scenario's first cluster, with its own sandbox.
    public func makeAdapter(latencyMilliseconds: Int = 40) throws -> any PlatformAdapter {
        try makeAdapters(latencyMilliseconds: latencyMilliseconds)[0]
    }

    /// Every cluster of the scenario, each with its own sandbox and pinned target.
    public func makeAdapters(latencyMilliseconds: Int = 40, registry: PlatformRegistry = .standard) throws -> [any PlatformAdapter] {
        try platforms.compactMap(registry.plugin(for:)).flatMap { try $0.demoClusters(latencyMilliseconds: latencyMilliseconds) }
    }

    /// The scenario's adapters with each sandbox runner wrapped (e.g. to record it).
    public func makeAdapters(wrap: (any CommandRunner) -> any CommandRunner, registry: PlatformRegistry = .standard) throws -> [any PlatformAdapter] {
        try makeAdapters(latencyMilliseconds: 0, registry: registry).map {
            try registry.adapter(for: $0.target, runner: wrap($0.runner))
        }
    }
}
