import ShipshapeCore
import KubernetesRules
import EtcdRules
/// A NodeGroup (reference §5.4): its type and the role labels its node template sets.
public struct DeckhouseNodeGroup: Sendable, Hashable {
    public var name: String
    /// `spec.nodeType`: `CloudEphemeral`, `CloudPermanent`, `CloudStatic`, `Static` (v1) or `Cloud`, `Static`, `Hybrid` (v1alpha1).
    public var nodeType: String?
    /// Roles from `spec.nodeTemplate.labels` (and `master` for the group of that name).
    public var roles: [DeckhouseNodeRole]
    /// `status.nodes`, when reported.
    public var nodes: Int?

    public init(name: String, nodeType: String?, roles: [DeckhouseNodeRole], nodes: Int? = nil) {
        self.name = name
        self.nodeType = nodeType
        self.roles = roles
        self.nodes = nodes
    }
}
