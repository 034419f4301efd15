import Foundation
import ShipshapeCore

/// A Swarm node as `docker node inspect` describes it, reduced to what rules and
/// panes use. Role, availability and state keep Docker's lower-case spec values.
public struct SwarmNode: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable {
        case manager, worker
    }

    public var id: String
    public var hostname: String
    public var role: Role
    /// `active`, `pause` or `drain`.
    public var availability: String
    /// `ready`, `down`, `unknown` or `disconnected`.
    public var state: String
    /// The address other nodes reach it on (for managers, the one from `ManagerStatus`).
    public var address: String
    public var isLeader: Bool
    /// `reachable`, `unreachable`, `unknown`; nil on workers.
    public var reachability: String?
    public var nanoCPUs: Int64?
    public var memoryBytes: Int64?
    public var engineVersion: String
    public var os: String
    public var architecture: String
    public var labels: [String: String]
    public var engineLabels: [String: String]
    /// When the node object last changed: a reboot (down → ready), a drain or an
    /// activate all move it, which is what SWARM-REBOOT reads until records exist.
    public var updatedAt: Date?
    /// The node the pinned `--host` talks to.
    public var isSelf: Bool

    public init(id: String, hostname: String, role: Role, availability: String, state: String, address: String = "",
                isLeader: Bool = false, reachability: String? = nil, nanoCPUs: Int64? = nil, memoryBytes: Int64? = nil,
                engineVersion: String = "", os: String = "linux", architecture: String = "x86_64",
                labels: [String: String] = [:], engineLabels: [String: String] = [:], updatedAt: Date? = nil, isSelf: Bool = false) {
        self.id = id
        self.hostname = hostname
        self.role = role
        self.availability = availability
        self.state = state
        self.address = address
        self.isLeader = isLeader
        self.reachability = reachability
        self.nanoCPUs = nanoCPUs
        self.memoryBytes = memoryBytes
        self.engineVersion = engineVersion
        self.os = os
        self.architecture = architecture
        self.labels = labels
        self.engineLabels = engineLabels
        self.updatedAt = updatedAt
        self.isSelf = isSelf
    }

    public var isReady: Bool { state == "ready" }
    public var isActive: Bool { availability == "active" }
    /// Ready and active: the scheduler may place new tasks here.
    public var takesTasks: Bool { isReady && isActive }
    public var cpus: Double? { nanoCPUs.map { Double($0) / 1e9 } }
}
