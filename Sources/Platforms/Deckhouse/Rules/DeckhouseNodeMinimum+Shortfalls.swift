import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// Holding a node against a role minimum from the policy.
extension DeckhouseNodeMinimum {
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
