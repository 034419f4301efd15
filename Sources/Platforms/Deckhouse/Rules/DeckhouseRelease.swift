import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// A DeckhouseRelease object (reference §5.2): its version, phase and when it entered it,
/// whether it is approved (top-level `approved`, or the `release.deckhouse.io/approved`
/// annotation) and what it requires of the cluster (`spec.requirements`, e.g. `k8s: "1.29"`,
/// a minimum that blocks the release until the cluster meets it).
public struct DeckhouseRelease: Sendable, Hashable {
    public var name: String
    public var version: String
    /// `Pending`, `Deployed`, `Superseded`, `Suspended`, `Skipped` (or `Outdated`, deprecated).
    public var phase: String
    /// `status.transitionTime`, else `metadata.creationTimestamp`.
    public var since: Date?
    public var approved: Bool
    public var requirements: [String: String]
    /// `metadata.creationTimestamp`: when the release reached the cluster.
    public var createdAt: Date?
    /// `status.message` (why a pending release waits), sanitised.
    public var message: String?

    public init(name: String, version: String, phase: String, since: Date?, approved: Bool = false,
                requirements: [String: String] = [:], createdAt: Date? = nil, message: String? = nil) {
        self.name = name
        self.version = version
        self.phase = phase
        self.since = since
        self.approved = approved
        self.requirements = requirements
        self.createdAt = createdAt
        self.message = message
    }

    public var isDeployed: Bool { phase == "Deployed" }
    public var isPending: Bool { phase == "Pending" }

    /// The Kubernetes version the release needs at least (`requirements.k8s`).
    public var minimumKubernetes: String? { requirements["k8s"].flatMap { $0.isEmpty ? nil : $0 } }
}
