import Foundation
import ShipshapeCore
import PaneKit
import Deis1Rules
import EtcdRules

/// Deis v1's Backups pane: what DEIS1-BACKUP asks for — recorded backups of the platform's data
/// and verified exports of the `/deis` v2 configuration (`f` records one, or takes one) — and
/// restore drills; etcd snapshots are shown as not applicable, with the reason (a v3 snapshot
/// holds none of the v2 store).
public enum Deis1BackupsPane {
    public enum Row: Sendable, CaseIterable {
        case data, config, snapshots, drills
    }

    /// What a row needs to be drawn: the state's records and target, the policy, now.
    struct Facts: Sendable {
        var state: ClusterState?
        var policy: Policy
        var now: Date
        var records: ConsoleRecords { state?.records.value ?? ConsoleRecords() }
        var targetName: String { state?.target.name ?? "" }

        func backups(_ kind: String) -> [BackupRecord] {
            records.backups.filter { $0.target == targetName && $0.kind == kind }.sorted { $0.takenAt > $1.takenAt }
        }

        func age(_ date: Date?) -> String {
            guard let date else { return "never" }
            return Formatting.ago(date, now: now).replacingOccurrences(of: " ago", with: "")
        }

        func status(_ latest: BackupRecord?, missing: String, action: String) -> Cell {
            guard let latest else { return Cell("\(missing) — f \(action)", .error) }
            if now.timeIntervalSince(latest.takenAt) > Double(policy.backupMaxAgeHours) * 3600 {
                return Cell("older than \(policy.backupMaxAgeHours) h — f", .error)
            }
            return Cell(latest.verified ? "verified" : "recorded by \(latest.by)", .ok)
        }
    }

    public static func source(state: ClusterState?, policy: Policy, now: Date = Date()) -> ListSource<Row> {
        let facts = Facts(state: state, policy: policy, now: now)
        let columns: [ListColumn<Row>] = [
            ListColumn("PROTECTION", .slack(min: 14)) { cells($0, facts)[0] },
            ListColumn("LAST OK", .fit(max: 9)) { cells($0, facts)[1] },
            ListColumn("STATUS", .fit(max: 40)) { cells($0, facts)[2] },
            ListColumn("RULE", .fit(max: 13)) { cells($0, facts)[3] },
        ]
        let name = facts.targetName
        let action = ListAction<Row>(slot: .fix, label: "backup/export/drill",
                                     help: "record a data backup, export the /deis configuration, or record a restore drill", mutating: true) { row in
            guard let (intent, rule) = intent(row) else {
                return .unavailable("a v3 etcd snapshot holds none of Deis v1's v2 data; export the /deis configuration instead")
            }
            let subject = intent == .exportConfig ? Deis1Names.configExportKind : intent == .recordDrill ? name : "platform data"
            return .intent(intent, ruleID: rule, subject: subject)
        }
        return ListSource(title: "Backups", columns: columns, rows: state == nil ? [] : Row.allCases,
                          errorText: state?.records.error?.message, emptyText: "loading…",
                          details: { details($0, facts) }, actions: [action])
    }

    static func cells(_ row: Row, _ facts: Facts) -> [Cell] {
        switch row {
        case .data:
            let latest = facts.records.latestBackup(for: facts.targetName, kind: Deis1Names.dataBackupKind)
            return [Cell("platform data (\(facts.backups(Deis1Names.dataBackupKind).count))"), Cell(facts.age(latest?.takenAt)),
                    facts.status(latest, missing: "none recorded", action: "records"), Cell("DEIS1-BACKUP", .dim)]
        case .config:
            let latest = facts.records.latestBackup(for: facts.targetName, kind: Deis1Names.configExportKind)
            return [Cell("/deis config exports (\(facts.backups(Deis1Names.configExportKind).count))"), Cell(facts.age(latest?.takenAt)),
                    facts.status(latest, missing: "none yet", action: "takes one"), Cell("DEIS1-BACKUP", .dim)]
        case .snapshots:
            return [Cell("etcd snapshots"), Cell("-", .dim), Cell("n/a: data is in the v2 store", .dim), Cell("ETCD-SNAPSHOT", .dim)]
        case .drills:
            let latest = facts.records.latestDrill(for: facts.targetName)
            let days = latest.map { Int(facts.now.timeIntervalSince($0.doneAt) / 86_400) }
            let status: Cell = switch days {
            case nil: Cell("never recorded — f marks", .error)
            case let d? where d > 90: Cell("\(d) days ago — f marks", .warning)
            default: Cell("done by \(latest!.by)", .ok)
            }
            return [Cell("restore drills"), Cell(facts.age(latest?.doneAt)), status, Cell("DR drill", .dim)]
        }
    }

    /// What `f` does on a row.
    public static func intent(_ row: Row) -> (FixIntent, String)? {
        switch row {
        case .data: return (.recordBackup(kind: Deis1Names.dataBackupKind), "DEIS1-BACKUP")
        case .config: return (.exportConfig, "DEIS1-BACKUP")
        case .drills: return (.recordDrill, "DR-DRILL")
        case .snapshots: return nil
        }
    }

    static func details(_ row: Row, _ facts: Facts) -> (title: String, lines: [String]) {
        let stamp = { (date: Date) in String(ISO8601DateFormatter().string(from: date).prefix(16)) }
        switch row {
        case .data:
            let list = facts.backups(Deis1Names.dataBackupKind)
            return ("platform data backups", (list.isEmpty ? ["None recorded."] : list.map { "\(stamp($0.takenAt))  \($0.by)  \($0.location)" })
                    + ["", "deisctl has no backup command (reference §2.8): s3cmd sync s3://db_wal and s3://registry through",
                       "store-gateway, tar /var/lib/deis/store, pg_dumpall — or back up the external S3/PostgreSQL.",
                       "f records one done now (who and when). Policy: younger than \(facts.policy.backupMaxAgeHours) h."])
        case .config:
            let list = facts.backups(Deis1Names.configExportKind)
            return ("/deis config exports", (list.isEmpty ? ["None taken yet."] : list.map {
                "\(stamp($0.takenAt))  \(Formatting.bytes($0.sizeBytes))  \($0.entries.map { "\($0) values" } ?? "")  \($0.verified ? "verified" : "UNVERIFIED")  \($0.location)"
            }) + ["", "f exports the /deis tree of the etcd v2 store as JSON (etcdctl -o json ls --recursive), reads it back, keeps it 0600."])
        case .snapshots:
            return ("etcd snapshots", ["Not applicable: Deis v1 keeps its configuration (and fleet its registry) in the etcd v2 store,",
                                       "which a v3 snapshot does not hold. The /deis export above is its configuration backup."])
        case .drills:
            let drills = facts.records.drills.filter { $0.target == facts.targetName }.sorted { $0.doneAt > $1.doneAt }
            return ("restore drills", (drills.isEmpty ? ["No restore drill recorded."] : drills.map { "\(ISO8601DateFormatter().string(from: $0.doneAt))  \($0.by)  \($0.note)" })
                    + ["", "Policy: a drill every 90 days. f records one done now."])
        }
    }
}
