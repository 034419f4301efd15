import ShipshapeCore
import KubernetesRules
import EtcdRules
/// A node as the Deckhouse rules see it: its infrastructure roles and its capacity,
/// including the root disk (`status.capacity["ephemeral-storage"]`).
public struct DeckhouseNode: Sendable, Hashable {
    public var name: String
    public var roles: [DeckhouseNodeRole]
    /// `node.deckhouse.io/group`: the NodeGroup the node belongs to.
    public var nodeGroup: String?
    public var ready: Bool?
    public var cpuMillis: Int?
    public var memoryBytes: Int64?
    public var diskBytes: Int64?

    public init(name: String, roles: [DeckhouseNodeRole], nodeGroup: String? = nil, ready: Bool? = true,
                cpuMillis: Int?, memoryBytes: Int64?, diskBytes: Int64?) {
        self.name = name
        self.roles = roles
        self.nodeGroup = nodeGroup
        self.ready = ready
        self.cpuMillis = cpuMillis
        self.memoryBytes = memoryBytes
        self.diskBytes = diskBytes
    }

    public func has(_ role: DeckhouseNodeRole) -> Bool { roles.contains(role) }
}
