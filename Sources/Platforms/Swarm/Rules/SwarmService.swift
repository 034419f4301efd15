import ShipshapeCore
/// A Swarm service spec, reduced to what the MedStack rules read. Environment
/// values are not part of it: only names and how each value was classified.
public struct SwarmService: Sendable, Hashable, Codable {
    public enum Mode: Sendable, Hashable, Codable {
        case replicated(Int)
        case global
    }

    public struct Mount: Sendable, Hashable, Codable {
        /// `bind`, `volume`, `tmpfs` or `npipe`.
        public var type: String
        public var source: String
        public var target: String
        public var readOnly: Bool

        public init(type: String, source: String, target: String, readOnly: Bool = false) {
            self.type = type
            self.source = source
            self.target = target
            self.readOnly = readOnly
        }
    }

    public struct PublishedPort: Sendable, Hashable, Codable {
        public var proto: String
        public var targetPort: Int
        public var publishedPort: Int?
        /// `ingress` (routing mesh: every node answers) or `host` (only nodes running a task).
        public var mode: String

        public init(proto: String, targetPort: Int, publishedPort: Int?, mode: String) {
            self.proto = proto
            self.targetPort = targetPort
            self.publishedPort = publishedPort
            self.mode = mode
        }
    }

    /// The service's own health check (`ContainerSpec.Healthcheck`).
    public enum HealthCheck: String, Sendable, Hashable, Codable {
        /// None in the service spec: the image's `HEALTHCHECK`, if it has one, applies.
        case inherited
        /// `--no-healthcheck` (`Test: ["NONE"]`): no check at all, whatever the image says.
        case disabled
        /// `--health-cmd` (or a stack file's `healthcheck:`).
        case defined
    }

    /// Docker's order when `UpdateConfig.Order` is unset.
    public static let defaultUpdateOrder = "stop-first"

    public var id: String
    public var name: String
    public var mode: Mode
    public var image: String
    public var constraints: [String]
    public var mounts: [Mount]
    public var secrets: [String]
    public var configs: [String]
    public var env: [SwarmEnvVar]
    public var ports: [PublishedPort]
    public var healthCheck: HealthCheck
    /// `Spec.UpdateConfig.Order`: `start-first` or `stop-first`; nil when unset (stop-first applies).
    public var updateOrder: String?

    public init(id: String, name: String, mode: Mode, image: String, constraints: [String] = [], mounts: [Mount] = [],
                secrets: [String] = [], configs: [String] = [], env: [SwarmEnvVar] = [], ports: [PublishedPort] = [],
                healthCheck: HealthCheck = .inherited, updateOrder: String? = nil) {
        self.id = id
        self.name = name
        self.mode = mode
        self.image = image
        self.constraints = constraints
        self.mounts = mounts
        self.secrets = secrets
        self.configs = configs
        self.env = env
        self.ports = ports
        self.healthCheck = healthCheck
        self.updateOrder = updateOrder
    }

    /// The order an update replaces tasks in.
    public var effectiveUpdateOrder: String { updateOrder.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultUpdateOrder }

    /// Host-mode published ports: a node answers only while a task runs there, and two tasks
    /// of the service cannot share a node's port (a start-first update then needs another node).
    public var hostModePorts: [PublishedPort] { ports.filter { $0.mode == "host" && $0.publishedPort != nil } }

    /// Desired replicas; nil for global services (one task per eligible node).
    public var desiredReplicas: Int? {
        if case .replicated(let count) = mode { return count }
        return nil
    }

    public var modeLabel: String {
        switch mode {
        case .replicated(let count): return "replicated \(count)"
        case .global: return "global"
        }
    }
}
