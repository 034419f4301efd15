import Foundation

/// A scheduled job that backs the cluster up (a Kubernetes CronJob that looks like one, by
/// name or labels), as the Backups pane and the backup rules see it.
public struct BackupJob: Sendable, Hashable, Codable {
    public var namespace: String
    public var name: String
    public var schedule: String
    public var suspended: Bool
    public var lastScheduled: Date?
    public var lastSucceeded: Date?
    public var active: Int

    public init(namespace: String, name: String, schedule: String, suspended: Bool, lastScheduled: Date?, lastSucceeded: Date?, active: Int) {
        self.namespace = namespace
        self.name = name
        self.schedule = schedule
        self.suspended = suspended
        self.lastScheduled = lastScheduled
        self.lastSucceeded = lastSucceeded
        self.active = active
    }

    /// The last run was scheduled after the last success and is no longer running: it failed.
    public var lastRunFailed: Bool {
        guard let scheduled = lastScheduled, active == 0 else { return false }
        return lastSucceeded.map { $0 < scheduled } ?? true
    }

    public static let backupWords = ["backup", "velero", "snapshot", "dump", "restic", "etcd-backup"]

    public static func looksLikeBackup(name: String, labels: [String: String]) -> Bool {
        let haystack = ([name] + labels.map { "\($0.key)=\($0.value)" }).joined(separator: " ").lowercased()
        return backupWords.contains { haystack.contains($0) }
    }
}
