import Foundation
import ShipshapeCore

/// Backups: what protects the cluster's data — etcd snapshots taken by shipshape,
/// backup CronJobs, recorded restore drills — with age and status against the policy.
/// Shared by every platform; each hands in its own scheduled jobs and says whether etcd
/// snapshots apply to it at all.
public enum BackupsPane {
    public enum Row: Sendable {
        case etcdSnapshots
        case job(BackupJob)
        case drills
    }

    /// What a row needs to be drawn: the state's records and target, the policy, now.
    struct Facts: Sendable {
        var state: ClusterState?
        var policy: Policy
        /// Why etcd snapshots do not apply here (Deis v1 keeps its data in the v2 store, which a
        /// v3 snapshot does not hold); nil where they do.
        var snapshotsNotApplicable: String?
        var now: Date
        var records: ConsoleRecords { state?.records.value ?? ConsoleRecords() }
        var targetName: String { state?.target.name ?? "" }

        func age(_ date: Date?) -> String {
            guard let date else { return "never" }
            return Formatting.ago(date, now: now).replacingOccurrences(of: " ago", with: "")
        }
    }

    public static func source(state: ClusterState?, policy: Policy, jobs: [BackupJob] = [], snapshotsNotApplicable: String? = nil,
                              now: Date = Date()) -> ListSource<Row> {
        let facts = Facts(state: state, policy: policy, snapshotsNotApplicable: snapshotsNotApplicable, now: now)
        let rows: [Row] = state == nil ? [] : [.etcdSnapshots] + jobs.map(Row.job) + [.drills]
        let columns: [ListColumn<Row>] = [
            ListColumn("PROTECTION", .slack(min: 14)) { cells($0, facts)[0] },
            ListColumn("LAST OK", .fit(max: 9)) { cells($0, facts)[1] },
            ListColumn("STATUS", .fit(max: 40)) { cells($0, facts)[2] },
            ListColumn("RULE", .fit(max: 13)) { cells($0, facts)[3] },
        ]
        let name = facts.targetName
        let action = ListAction<Row>(slot: .fix, label: "snapshot/drill", help: "take an etcd snapshot, or record a restore drill", mutating: true) { row in
            guard let intent = intent(row, facts) else { return .unavailable("nothing to do on this row") }
            return .intent(intent, ruleID: intent == .etcdSnapshot ? "ETCD-SNAPSHOT" : "DR-DRILL", subject: name)
        }
        return ListSource(title: "Backups", columns: columns, rows: rows, errorText: state?.records.error?.message, emptyText: "loading…",
                          details: { details($0, facts) }, actions: [action])
    }

    static func cells(_ row: Row, _ facts: Facts) -> [Cell] {
        let policy = facts.policy, now = facts.now
        switch row {
        case .etcdSnapshots:
            if let reason = facts.snapshotsNotApplicable {
                return [Cell("etcd snapshots"), Cell("-", .dim), Cell("n/a: \(reason)", .dim), Cell("ETCD-SNAPSHOT", .dim)]
            }
            guard facts.state?.target.etcd != nil else {
                return [Cell("etcd snapshots"), Cell("-", .dim), Cell("n/a: no --etcd-endpoints", .dim), Cell("ETCD-SNAPSHOT", .dim)]
            }
            let latest = facts.records.latestSnapshot(for: facts.targetName)
            let hours = latest.map { now.timeIntervalSince($0.takenAt) / 3600 }
            let status: Cell = switch hours {
            case nil: Cell("none yet — f takes one", .error)
            case let h? where h > Double(policy.backupMaxAgeHours): Cell("older than \(policy.backupMaxAgeHours) h — f", .error)
            default: Cell("verified", .ok)
            }
            let count = facts.records.etcdSnapshots.filter { $0.target == facts.targetName }.count
            return [Cell("etcd snapshots (\(count))"), Cell(facts.age(latest?.takenAt)), status, Cell("ETCD-SNAPSHOT", .dim)]
        case .job(let job):
            let status: Cell = if job.suspended { Cell("suspended", .warning) }
                else if job.lastRunFailed { Cell("last run failed", .error) }
                else if let ok = job.lastSucceeded, now.timeIntervalSince(ok) > Double(policy.backupMaxAgeHours) * 3600 { Cell("stale (\(job.schedule))", .warning) }
                else if job.lastSucceeded == nil { Cell("never succeeded", .error) }
                else { Cell("ok (\(job.schedule))", .ok) }
            return [Cell("cronjob \(job.namespace)/\(job.name)"), Cell(facts.age(job.lastSucceeded)), status, Cell("-", .dim)]
        case .drills:
            let latest = facts.records.latestDrill(for: facts.targetName)
            let days = latest.map { Int(now.timeIntervalSince($0.doneAt) / 86_400) }
            let status: Cell = switch days {
            case nil: Cell("never recorded — f marks", .error)
            case let d? where d > 90: Cell("\(d) days ago — f marks", .warning)
            default: Cell("done by \(latest!.by)", .ok)
            }
            return [Cell("restore drills"), Cell(facts.age(latest?.doneAt)), status, Cell("DR drill", .dim)]
        }
    }

    /// What `f` does on a row: take a snapshot, record a drill.
    static func intent(_ row: Row, _ facts: Facts) -> FixIntent? {
        switch row {
        case .etcdSnapshots: return facts.state?.target.etcd == nil || facts.snapshotsNotApplicable != nil ? nil : .etcdSnapshot
        case .drills: return .recordDrill
        case .job: return nil
        }
    }

    static func details(_ row: Row, _ facts: Facts) -> (title: String, lines: [String]) {
        let policy = facts.policy
        switch row {
        case .etcdSnapshots:
            let snapshots = facts.records.etcdSnapshots.filter { $0.target == facts.targetName }.sorted { $0.takenAt > $1.takenAt }
            var lines = snapshots.isEmpty ? ["No snapshot taken by shipshape for this target yet."] : []
            lines += snapshots.map { snapshot in
                "\(Formatting.clock(snapshot.takenAt)) \(ISO8601DateFormatter().string(from: snapshot.takenAt).prefix(10))  "
                    + "\(Formatting.bytes(snapshot.sizeBytes))  rev \(snapshot.revision.map(String.init) ?? "?")  "
                    + "keys \(snapshot.totalKeys.map(String.init) ?? "?")  \(snapshot.verified ? "verified" : "UNVERIFIED")  \(snapshot.path)"
            }
            return ("etcd snapshots", lines + ["", "Policy: a verified snapshot younger than \(policy.backupMaxAgeHours) h. f takes one now."])
        case .job(let job):
            return ("cronjob \(job.name)", ["Namespace:     \(job.namespace)", "Schedule:      \(job.schedule)",
                                            "Suspended:     \(job.suspended ? "yes" : "no")", "Last run:      \(facts.age(job.lastScheduled))",
                                            "Last success:  \(facts.age(job.lastSucceeded))", "Running now:   \(job.active)"])
        case .drills:
            let drills = facts.records.drills.filter { $0.target == facts.targetName }.sorted { $0.doneAt > $1.doneAt }
            return ("restore drills", (drills.isEmpty ? ["No restore drill recorded."] : drills.map { "\(ISO8601DateFormatter().string(from: $0.doneAt))  \($0.by)  \($0.note)" })
                    + ["", "Policy: a drill every 90 days. f records one done now."])
        }
    }
}
