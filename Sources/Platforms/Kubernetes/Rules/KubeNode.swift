import ShipshapeCore
/// A Kubernetes node, reduced to what rules and panes use.
public struct KubeNode: Sendable, Hashable, Codable {
    public var name: String
    public var roles: [String]
    /// `nil` when the node reports no Ready condition at all.
    public var ready: Bool?
    public var cpuMillis: Int?
    public var memoryBytes: Int64?
    /// Capacity `ephemeral-storage` (the node's disk), which the Deckhouse sizing rules read.
    public var diskBytes: Int64?
    public var kubeletVersion: String
    public var labels: [String: String]

    public init(name: String, roles: [String], ready: Bool?, cpuMillis: Int?, memoryBytes: Int64?, diskBytes: Int64? = nil,
                kubeletVersion: String, labels: [String: String] = [:]) {
        self.name = name
        self.roles = roles
        self.ready = ready
        self.cpuMillis = cpuMillis
        self.memoryBytes = memoryBytes
        self.diskBytes = diskBytes
        self.kubeletVersion = kubeletVersion
        self.labels = labels
    }
}
