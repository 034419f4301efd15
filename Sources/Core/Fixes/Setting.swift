/// A setting a fix changes, named the way the platform's own tool names it: a container's
/// environment variable (`deis/deis-controller`, container `deis-controller`, key
/// `REGISTRATION_MODE`), a `deisctl config` component key (`controller`, `registrationMode`),
/// a ModuleConfig field (`moduleconfig/deckhouse`, `releaseChannel`).
public struct Setting: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What holds the setting: a workload, a component, a config object.
    public var scope: String
    public var key: String
    /// The container, where the scope has several (Kubernetes workloads).
    public var container: String?

    public init(scope: String, key: String, container: String? = nil) {
        self.scope = scope
        self.key = key
        self.container = container
    }

    public var description: String { "\(key) on \(scope)" }
}
