import Foundation

/// The smallest node a role may run on (004 "Resource requirements"). Sizes are in the
/// seed's units: whole CPUs and GB of 10^9 bytes, so a machine sold as "8 GB" — which
/// reports a little less than 8 GiB of memory — still passes.
public struct DeckhouseNodeMinimum: Sendable, Hashable, Codable, CustomStringConvertible {
    public var cpus: Int
    public var memoryGB: Int
    public var diskGB: Int

    public init(cpus: Int, memoryGB: Int, diskGB: Int) {
        self.cpus = cpus
        self.memoryGB = memoryGB
        self.diskGB = diskGB
    }

    public var description: String { "\(cpus) CPU / \(memoryGB) GB RAM / \(diskGB) GB disk" }

    /// The larger of two minimums, field by field (a node with two roles needs both).
    public func union(_ other: DeckhouseNodeMinimum) -> DeckhouseNodeMinimum {
        DeckhouseNodeMinimum(cpus: max(cpus, other.cpus), memoryGB: max(memoryGB, other.memoryGB), diskGB: max(diskGB, other.diskGB))
    }
}
