import Foundation

/// A record a plan writes once its commands ran, before the target, the operator and the time
/// are known: `ConsoleRecords.append` stamps them. One case per kind of record, so a new kind
/// needs no change in the engine that writes them.
public enum RecordEntry: Sendable, Hashable, Codable {
    /// A step of a node's maintenance flow (see `MaintenanceRecord`).
    case maintenance(node: String, action: String, drainedAt: Date?, leftAt: Date?, backAt: Date?, evidence: String?)
    /// A backup copied off the cluster.
    case backupCopy(note: String)

    /// For the audit log and the activity line.
    public var summary: String {
        switch self {
        case .maintenance(let node, let action, _, _, _, _): return "maintenance of \(node): \(action)"
        case .backupCopy: return "off-cluster backup copy"
        }
    }
}
