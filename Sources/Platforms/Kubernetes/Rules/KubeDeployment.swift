import ShipshapeCore
/// A Deployment: desired and ready replicas, and its containers' env. Values of
/// secret-looking variables are dropped at decode time and never held.
public struct KubeDeployment: Sendable, Hashable, Codable {
    public var namespace: String
    public var name: String
    public var desiredReplicas: Int
    public var readyReplicas: Int
    public var containers: [Container]
    public var annotations: [String: String]

    public struct Container: Sendable, Hashable, Codable {
        public var name: String
        public var image: String
        public var env: [EnvVar]

        public init(name: String, image: String, env: [EnvVar]) {
            self.name = name
            self.image = image
            self.env = env
        }
    }

    public struct EnvVar: Sendable, Hashable, Codable {
        public var name: String
        /// `nil` when set from a reference (secret, configmap) or redacted.
        public var value: String?
        public var fromReference: Bool

        public init(name: String, value: String?, fromReference: Bool) {
            self.name = name
            self.value = value
            self.fromReference = fromReference
        }
    }

    public init(namespace: String, name: String, desiredReplicas: Int, readyReplicas: Int, containers: [Container], annotations: [String: String] = [:]) {
        self.namespace = namespace
        self.name = name
        self.desiredReplicas = desiredReplicas
        self.readyReplicas = readyReplicas
        self.containers = containers
        self.annotations = annotations
    }

    /// The env variable in the named container, or the first container carrying it.
    public func env(_ variable: String, container: String? = nil) -> EnvVar? {
        let candidates = container.map { name in containers.filter { $0.name == name } } ?? containers
        for candidate in candidates {
            if let found = candidate.env.first(where: { $0.name == variable }) { return found }
        }
        return nil
    }
}
