import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// A DeckhouseRelease object (reference §5.2): its version, phase and when it entered it.
public struct DeckhouseRelease: Sendable, Hashable {
    public var name: String
    public var version: String
    /// `Pending`, `Deployed`, `Superseded`, `Suspended`, `Skipped` (or `Outdated`, deprecated).
    public var phase: String
    /// `status.transitionTime`, else `metadata.creationTimestamp`.
    public var since: Date?

    public init(name: String, version: String, phase: String, since: Date?) {
        self.name = name
        self.version = version
        self.phase = phase
        self.since = since
    }

    public var isDeployed: Bool { phase == "Deployed" }
}
