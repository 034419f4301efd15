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

    /// What the node lacks, as phrases ("2 CPU < 4"); empty when it is big enough. Unknown
    /// capacity is not counted against the node.
    public func shortfalls(of node: DeckhouseNode) -> [String] {
        var missing: [String] = []
        if let cpu = node.cpuMillis, cpu < cpus * 1000 {
            missing.append("\(Self.cpu(cpu)) CPU < \(cpus)")
        }
        if let memory = node.memoryBytes, memory < Int64(memoryGB) * 1_000_000_000 {
            missing.append("\(Self.gb(memory)) GB RAM < \(memoryGB)")
        }
        if let disk = node.diskBytes, disk < Int64(diskGB) * 1_000_000_000 {
            missing.append("\(Self.gb(disk)) GB disk < \(diskGB)")
        }
        return missing
    }

    static func cpu(_ millis: Int) -> String {
        millis % 1000 == 0 ? String(millis / 1000) : String(format: "%.1f", Double(millis) / 1000)
    }

    static func gb(_ bytes: Int64) -> String {
        String(format: "%.1f", Double(bytes) / 1e9)
    }
}
