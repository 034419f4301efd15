import Foundation

/// Findings that come from the console's own records: a recent verified etcd
/// snapshot, a recent restore drill. Shared by every platform's backup rules.
extension Rule {
    /// Passes when a verified snapshot is younger than the policy age; else fails
    /// with "take an etcd snapshot now" when the target has etcd endpoints.
    public func snapshotFinding(_ state: ClusterState, policy: Policy, subject: String, now: Date = Date()) -> Finding {
        if let error = state.records.error { return unreadable(error, subject: subject) }
        let fix: FixIntent? = state.target.etcd == nil ? nil : .etcdSnapshot
        guard let latest = state.records.value?.latestSnapshot(for: state.target.name) else {
            return finding(.fail, subject: subject, "no verified etcd snapshot recorded" + (fix == nil ? " (give --etcd-endpoints to take one)" : "; f takes one"), fix: fix)
        }
        let hours = Int(now.timeIntervalSince(latest.takenAt) / 3600)
        if hours > policy.backupMaxAgeHours {
            return finding(.fail, subject: subject, "latest verified snapshot is \(hours) h old (policy: \(policy.backupMaxAgeHours) h)", fix: fix)
        }
        return finding(.pass, subject: subject, "verified snapshot \(hours) h old: \(latest.path)")
    }

    /// Passes when a restore drill was recorded within `maxAgeDays`; else fails with
    /// "record a drill" (the operator confirms it was done).
    public func drillFinding(_ state: ClusterState, maxAgeDays: Int, subject: String, now: Date = Date()) -> Finding {
        if let error = state.records.error { return unreadable(error, subject: subject) }
        guard let records = state.records.value else {
            return finding(.manual, subject: subject, "confirm by hand that a restore was tested within \(maxAgeDays) days")
        }
        guard let latest = records.latestDrill(for: state.target.name) else {
            return finding(.fail, subject: subject, "no restore drill recorded; after testing a restore, f records it", fix: .recordDrill)
        }
        let days = Int(now.timeIntervalSince(latest.doneAt) / 86_400)
        if days > maxAgeDays {
            return finding(.fail, subject: subject, "last restore drill was \(days) days ago (policy: \(maxAgeDays))", fix: .recordDrill)
        }
        return finding(.pass, subject: subject, "restore drill \(days) day(s) ago by \(latest.by)")
    }
}
