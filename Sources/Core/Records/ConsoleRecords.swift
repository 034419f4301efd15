import Foundation

/// What the console itself knows and the cluster does not: snapshots it took,
/// restore drills and maintenance an operator marked done, manual rules confirmed, backup
/// copies taken off the cluster.
public struct ConsoleRecords: Sendable, Codable, Equatable {
    public var etcdSnapshots: [EtcdSnapshotRecord] = []
    public var drills: [DrillRecord] = []
    public var maintenance: [MaintenanceRecord] = []
    public var manualDone: [ManualDoneRecord] = []
    /// Backups other than etcd snapshots: exports the console took and verified, and backups
    /// made outside it that an operator recorded.
    public var backups: [BackupRecord] = []
    /// Copies of a backup taken off the cluster (Deckhouse's etcd backups land on the masters).
    public var backupCopies: [BackupCopyRecord] = []

    public init() {}

    /// A records file written before a kind of record existed has no key for it: that kind
    /// is empty, and every other record is kept.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        etcdSnapshots = try c.decodeIfPresent([EtcdSnapshotRecord].self, forKey: .etcdSnapshots) ?? []
        drills = try c.decodeIfPresent([DrillRecord].self, forKey: .drills) ?? []
        maintenance = try c.decodeIfPresent([MaintenanceRecord].self, forKey: .maintenance) ?? []
        manualDone = try c.decodeIfPresent([ManualDoneRecord].self, forKey: .manualDone) ?? []
        backups = try c.decodeIfPresent([BackupRecord].self, forKey: .backups) ?? []
        backupCopies = try c.decodeIfPresent([BackupCopyRecord].self, forKey: .backupCopies) ?? []
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

    /// A node's maintenance steps for a target, oldest first.
    public func maintenance(for target: String, node: String) -> [MaintenanceRecord] {
        maintenance.filter { $0.target == target && $0.node == node }.sorted { $0.at < $1.at }
    }

    public func latestBackupCopy(for target: String) -> BackupCopyRecord? {
        backupCopies.filter { $0.target == target }.max { $0.at < $1.at }
    }

    /// Adds what a plan recorded, stamped with the target, who and when.
    public mutating func append(_ entry: RecordEntry, target: String, by: String, at: Date) {
        switch entry {
        case .maintenance(let node, let action, let drainedAt, let leftAt, let backAt, let evidence):
            maintenance.append(MaintenanceRecord(target: target, node: node, at: at, action: action, by: by,
                                                 drainedAt: drainedAt, leftAt: leftAt, backAt: backAt, evidence: evidence))
        case .backupCopy(let note):
            backupCopies.append(BackupCopyRecord(target: target, at: at, by: by, note: note))
        }
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

/// One step of a node's maintenance, as the console's maintenance flow records it (drain →
/// the operator reboots → the node comes back Ready → activate). Only a `reboot` entry —
/// written when a drained node is activated after the console saw it leave and come back —
/// says the node was rebooted; a drain, or an activate with nothing seen, says it was not.
public struct MaintenanceRecord: Sendable, Codable, Equatable {
    public enum Action {
        /// The node was drained for maintenance: the flow is open.
        public static let drain = "drain"
        /// Activated after it was seen leaving and coming back: a reboot, confirmed by the operator.
        public static let reboot = "reboot"
        /// Activated with no reboot seen: the flow closed without one.
        public static let activate = "activate"
    }

    public var target: String
    /// The node's ID (stable across renames).
    public var node: String
    public var at: Date
    /// `drain`, `reboot` or `activate` (see `Action`).
    public var action: String
    /// Who confirmed it; nil in records from before the flow.
    public var by: String?
    /// For a reboot: when the flow drained the node, when it was seen leaving the swarm and
    /// when it came back Ready.
    public var drainedAt: Date?
    public var leftAt: Date?
    public var backAt: Date?
    /// What the evidence was, in a sentence ("down at 10:02 (heartbeat failure), ready at 10:05").
    public var evidence: String?

    public init(target: String, node: String, at: Date, action: String, by: String? = nil, drainedAt: Date? = nil,
                leftAt: Date? = nil, backAt: Date? = nil, evidence: String? = nil) {
        self.target = target
        self.node = node
        self.at = at
        self.action = action
        self.by = by
        self.drainedAt = drainedAt
        self.leftAt = leftAt
        self.backAt = backAt
        self.evidence = evidence
    }
}

/// A backup copied away from the cluster (004 "Keep these backups as far away from your
/// cluster as possible"), as the operator recorded it.
public struct BackupCopyRecord: Sendable, Codable, Equatable {
    public var target: String
    public var at: Date
    public var by: String
    /// Where the copy went, or a note.
    public var note: String

    public init(target: String, at: Date, by: String, note: String) {
        self.target = target
        self.at = at
        self.by = by
        self.note = note
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
