import Foundation

/// What the console itself knows and the cluster does not: snapshots it took,
/// restore drills and maintenance an operator marked done, manual rules confirmed.
public struct ConsoleRecords: Sendable, Codable, Equatable {
    public var etcdSnapshots: [EtcdSnapshotRecord] = []
    public var drills: [DrillRecord] = []
    public var maintenance: [MaintenanceRecord] = []
    public var manualDone: [ManualDoneRecord] = []

    public init() {}

    /// The newest verified snapshot for a target, if any.
    public func latestSnapshot(for target: String) -> EtcdSnapshotRecord? {
        etcdSnapshots.filter { $0.target == target && $0.verified }.max { $0.takenAt < $1.takenAt }
    }

    public func latestDrill(for target: String) -> DrillRecord? {
        drills.filter { $0.target == target }.max { $0.doneAt < $1.doneAt }
    }
}

/// An etcd snapshot taken by shipshape and read back with `etcdctl snapshot status`.
public struct EtcdSnapshotRecord: Sendable, Codable, Equatable {
    public var target: String
    public var path: String
    public var takenAt: Date
    public var sizeBytes: Int64
    public var hash: UInt64?
    public var revision: Int64?
    public var totalKeys: Int64?
    public var verified: Bool

    public init(target: String, path: String, takenAt: Date, sizeBytes: Int64, hash: UInt64? = nil, revision: Int64? = nil, totalKeys: Int64? = nil, verified: Bool) {
        self.target = target
        self.path = path
        self.takenAt = takenAt
        self.sizeBytes = sizeBytes
        self.hash = hash
        self.revision = revision
        self.totalKeys = totalKeys
        self.verified = verified
    }
}

/// A restore drill an operator says was done.
public struct DrillRecord: Sendable, Codable, Equatable {
    public var target: String
    public var doneAt: Date
    public var by: String
    public var note: String

    public init(target: String, doneAt: Date, by: String, note: String) {
        self.target = target
        self.doneAt = doneAt
        self.by = by
        self.note = note
    }
}

/// A node drained or rebooted for maintenance.
public struct MaintenanceRecord: Sendable, Codable, Equatable {
    public var target: String
    public var node: String
    public var at: Date
    public var action: String

    public init(target: String, node: String, at: Date, action: String) {
        self.target = target
        self.node = node
        self.at = at
        self.action = action
    }
}

/// A manual rule the operator checked by hand and marked done.
public struct ManualDoneRecord: Sendable, Codable, Equatable {
    public var target: String
    public var ruleID: String
    public var subject: String
    public var doneAt: Date
    public var by: String
    public var note: String

    public init(target: String, ruleID: String, subject: String, doneAt: Date, by: String, note: String) {
        self.target = target
        self.ruleID = ruleID
        self.subject = subject
        self.doneAt = doneAt
        self.by = by
        self.note = note
    }
}
