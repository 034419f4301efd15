import Foundation
import ShipshapeCore

/// Backups: what protects the cluster's data — etcd snapshots taken by shipshape,
/// backup CronJobs, recorded restore drills — with age and status against the policy.
/// Shared by every platform; each hands in its own scheduled jobs and says whether etcd
/// snapshots apply to it at all.
public struct BackupsPaneSource: PaneSource {
    enum Row {
        case etcdSnapshots
        case job(BackupJob)
        case drills
    }

    let state: ClusterState?
    let policy: Policy
    let jobs: [BackupJob]
    /// Why etcd snapshots do not apply here (Deis v1 keeps its data in the v2 store, which a
    /// v3 snapshot does not hold); nil where they do.
    let snapshotsNotApplicable: String?
    var now = Date()

    public init(state: ClusterState?, policy: Policy, jobs: [BackupJob] = [], snapshotsNotApplicable: String? = nil, now: Date = Date()) {
        self.state = state
        self.policy = policy
        self.jobs = jobs
        self.snapshotsNotApplicable = snapshotsNotApplicable
        self.now = now
    }

    public var title: String { "Backups" }
    public var columns: [Column] { [Column("PROTECTION"), Column("LAST OK", width: 9), Column("STATUS", width: 22), Column("RULE", width: 13)] }
    var rows: [Row] {
        guard state != nil else { return [] }
        return [.etcdSnapshots] + jobs.map(Row.job) + [.drills]
    }
    public var rowCount: Int { rows.count }
    public var errorText: String? { state?.records.error?.message }
    public var emptyText: String { "loading…" }

    var records: ConsoleRecords { state?.records.value ?? ConsoleRecords() }
    var targetName: String { state?.target.name ?? "" }

    public func row(at index: Int) -> [Cell] {
        switch rows[index] {
        case .etcdSnapshots:
            if let snapshotsNotApplicable {
                return [Cell("etcd snapshots"), Cell("-", .dim), Cell("n/a: \(snapshotsNotApplicable)", .dim), Cell("ETCD-SNAPSHOT", .dim)]
            }
            guard state?.target.etcd != nil else {
                return [Cell("etcd snapshots"), Cell("-", .dim), Cell("n/a: no --etcd-endpoints", .dim), Cell("ETCD-SNAPSHOT", .dim)]
            }
            let latest = records.latestSnapshot(for: targetName)
            let hours = latest.map { now.timeIntervalSince($0.takenAt) / 3600 }
            let status: Cell = switch hours {
            case nil: Cell("none yet — f takes one", .error)
            case let h? where h > Double(policy.backupMaxAgeHours): Cell("older than \(policy.backupMaxAgeHours) h — f", .error)
            default: Cell("verified", .ok)
            }
            let count = records.etcdSnapshots.filter { $0.target == targetName }.count
            return [Cell("etcd snapshots (\(count))"), Cell(age(latest?.takenAt)), status, Cell("ETCD-SNAPSHOT", .dim)]
        case .job(let job):
            let status: Cell = if job.suspended { Cell("suspended", .warning) }
                else if job.lastRunFailed { Cell("last run failed", .error) }
                else if let ok = job.lastSucceeded, now.timeIntervalSince(ok) > Double(policy.backupMaxAgeHours) * 3600 { Cell("stale (\(job.schedule))", .warning) }
                else if job.lastSucceeded == nil { Cell("never succeeded", .error) }
                else { Cell("ok (\(job.schedule))", .ok) }
            return [Cell("cronjob \(job.namespace)/\(job.name)"), Cell(age(job.lastSucceeded)), status, Cell("-", .dim)]
        case .drills:
            let latest = records.latestDrill(for: targetName)
            let days = latest.map { Int(now.timeIntervalSince($0.doneAt) / 86_400) }
            let status: Cell = switch days {
            case nil: Cell("never recorded — f marks", .error)
            case let d? where d > 90: Cell("\(d) days ago — f marks", .warning)
            default: Cell("done by \(latest!.by)", .ok)
            }
            return [Cell("restore drills"), Cell(age(latest?.doneAt)), status, Cell("DR drill", .dim)]
        }
    }

    /// What `f` does on a row: take a snapshot, record a drill.
    public func intent(at index: Int) -> FixIntent? {
        guard rows.indices.contains(index) else { return nil }
        switch rows[index] {
        case .etcdSnapshots: return state?.target.etcd == nil || snapshotsNotApplicable != nil ? nil : .etcdSnapshot
        case .drills: return .recordDrill
        case .job: return nil
        }
    }

    public var actions: [RowAction] {
        let source = self
        let name = state?.target.name ?? ""
        return [RowAction(slot: .fix, help: "take an etcd snapshot, or record a restore drill", mutating: true) { index in
            guard let intent = source.intent(at: index) else { return .unavailable("nothing to do on this row") }
            return .intent(intent, ruleID: intent == .etcdSnapshot ? "ETCD-SNAPSHOT" : "DR-DRILL", subject: name)
        }]
    }

    public func details(at index: Int) -> (title: String, lines: [String])? {
        guard rows.indices.contains(index) else { return nil }
        switch rows[index] {
        case .etcdSnapshots:
            let snapshots = records.etcdSnapshots.filter { $0.target == targetName }.sorted { $0.takenAt > $1.takenAt }
            var lines = snapshots.isEmpty ? ["No snapshot taken by shipshape for this target yet."] : []
            lines += snapshots.map { snapshot in
                "\(Formatting.clock(snapshot.takenAt)) \(ISO8601DateFormatter().string(from: snapshot.takenAt).prefix(10))  "
                    + "\(Formatting.bytes(snapshot.sizeBytes))  rev \(snapshot.revision.map(String.init) ?? "?")  "
                    + "keys \(snapshot.totalKeys.map(String.init) ?? "?")  \(snapshot.verified ? "verified" : "UNVERIFIED")  \(snapshot.path)"
            }
            return ("etcd snapshots", lines + ["", "Policy: a verified snapshot younger than \(policy.backupMaxAgeHours) h. f takes one now."])
        case .job(let job):
            return ("cronjob \(job.name)", ["Namespace:     \(job.namespace)", "Schedule:      \(job.schedule)",
                                            "Suspended:     \(job.suspended ? "yes" : "no")", "Last run:      \(age(job.lastScheduled))",
                                            "Last success:  \(age(job.lastSucceeded))", "Running now:   \(job.active)"])
        case .drills:
            let drills = records.drills.filter { $0.target == targetName }.sorted { $0.doneAt > $1.doneAt }
            return ("restore drills", (drills.isEmpty ? ["No restore drill recorded."] : drills.map { "\(ISO8601DateFormatter().string(from: $0.doneAt))  \($0.by)  \($0.note)" })
                    + ["", "Policy: a drill every 90 days. f records one done now."])
        }
    }

    func age(_ date: Date?) -> String {
        guard let date else { return "never" }
        return Formatting.ago(date, now: now).replacingOccurrences(of: " ago", with: "")
    }
}
