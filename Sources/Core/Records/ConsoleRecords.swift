import Foundation

/// What the console itself knows and the cluster does not: snapshots it took,
/// restore drills and maintenance an operator marked done, manual rules confirmed.
public struct ConsoleRecords: Sendable, Codable, Equatable {
    public var etcdSnapshots: [EtcdSnapshotRecord] = []
    public var drills: [DrillRecord] = []
    public var maintenance: [MaintenanceRecord] = []
    public var manualDone: [ManualDoneRecord] = []
    /// Backups other than etcd snapshots: exports the console took and verified, and backups
    /// made outside it that an operator recorded.
    public var backups: [BackupRecord] = []

    public init() {}

    // A records file written before a kind of record existed lacks its key: none of that kind.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        etcdSnapshots = try c.decodeIfPresent([EtcdSnapshotRecord].self, forKey: .etcdSnapshots) ?? []
        drills = try c.decodeIfPresent([DrillRecord].self, forKey: .drills) ?? []
        maintenance = try c.decodeIfPresent([MaintenanceRecord].self, forKey: .maintenance) ?? []
        manualDone = try c.decodeIfPresent([ManualDoneRecord].self, forKey: .manualDone) ?? []
        backups = try c.decodeIfPresent([BackupRecord].self, forKey: .backups) ?? []
    }

    /// The newest backup of that kind for a target (exports count only once verified).
    public func latestBackup(for target: String, kind: String) -> BackupRecord? {
        backups.filter { $0.target == target && $0.kind == kind && ($0.path == nil || $0.verified) }.max { $0.takenAt < $1.takenAt }
    }

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

/// A backup that is not an etcd snapshot: a configuration export the console took (with its
/// file, size and read-back), or a backup an operator made elsewhere and recorded here.
public struct BackupRecord: Sendable, Codable, Equatable {
    public var target: String
    /// What was backed up, in the platform's words ("platform data", "/deis config").
    public var kind: String
    public var takenAt: Date
    public var by: String
    /// Where it went: the file the console wrote, or what the operator said.
    public var location: String
    /// The file the console kept; nil for a recorded backup made elsewhere.
    public var path: String?
    public var sizeBytes: Int64?
    /// How many values the file holds, when the platform can count them.
    public var entries: Int?
    /// Read back and checked before it was kept (always false for a recorded one: nothing to read).
    public var verified: Bool
    public var note: String

    public init(target: String, kind: String, takenAt: Date, by: String, location: String, path: String? = nil,
                sizeBytes: Int64? = nil, entries: Int? = nil, verified: Bool, note: String = "") {
        self.target = target
        self.kind = kind
        self.takenAt = takenAt
        self.by = by
        self.location = location
        self.path = path
        self.sizeBytes = sizeBytes
        self.entries = entries
        self.verified = verified
        self.note = note
    }
}
