import Foundation
import ShipshapeCore
import PaneKit
import Deis1Rules
import EtcdRules

/// Deis v1's Backups pane: what DEIS1-BACKUP asks for — recorded backups of the platform's data
/// and verified exports of the `/deis` v2 configuration (`f` records one, or takes one) — and
/// restore drills; etcd snapshots are shown as not applicable, with the reason (a v3 snapshot
/// holds none of the v2 store).
struct Deis1BackupsPaneSource: PaneSource {
    enum Row: CaseIterable {
        case data, config, snapshots, drills
    }

    let state: ClusterState?
    let policy: Policy
    var now = Date()

    var title: String { "Backups" }
    var columns: [Column] { [Column("PROTECTION"), Column("LAST OK", width: 9), Column("STATUS", width: 24), Column("RULE", width: 13)] }
    var rows: [Row] { state == nil ? [] : Row.allCases }
    var rowCount: Int { rows.count }
    var errorText: String? { state?.records.error?.message }
    var emptyText: String { "loading…" }

    var records: ConsoleRecords { state?.records.value ?? ConsoleRecords() }
    var targetName: String { state?.target.name ?? "" }

    func backups(_ kind: String) -> [BackupRecord] {
        records.backups.filter { $0.target == targetName && $0.kind == kind }.sorted { $0.takenAt > $1.takenAt }
    }

    func status(_ latest: BackupRecord?, missing: String, action: String) -> Cell {
        guard let latest else { return Cell("\(missing) — f \(action)", .error) }
        if now.timeIntervalSince(latest.takenAt) > Double(policy.backupMaxAgeHours) * 3600 {
            return Cell("older than \(policy.backupMaxAgeHours) h — f", .error)
        }
        return Cell(latest.verified ? "verified" : "recorded by \(latest.by)", .ok)
    }

    func row(at index: Int) -> [Cell] {
        switch rows[index] {
        case .data:
            let latest = records.latestBackup(for: targetName, kind: Deis1Names.dataBackupKind)
            return [Cell("platform data (\(backups(Deis1Names.dataBackupKind).count))"), Cell(age(latest?.takenAt)),
                    status(latest, missing: "none recorded", action: "records"), Cell("DEIS1-BACKUP", .dim)]
        case .config:
            let latest = records.latestBackup(for: targetName, kind: Deis1Names.configExportKind)
            return [Cell("/deis config exports (\(backups(Deis1Names.configExportKind).count))"), Cell(age(latest?.takenAt)),
                    status(latest, missing: "none yet", action: "takes one"), Cell("DEIS1-BACKUP", .dim)]
        case .snapshots:
            return [Cell("etcd snapshots"), Cell("-", .dim), Cell("n/a: data is in the v2 store", .dim), Cell("ETCD-SNAPSHOT", .dim)]
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

    /// What `f` does on a row.
    func intent(at index: Int) -> (FixIntent, String)? {
        guard rows.indices.contains(index) else { return nil }
        switch rows[index] {
        case .data: return (.recordBackup(kind: Deis1Names.dataBackupKind), "DEIS1-BACKUP")
        case .config: return (.exportConfig, "DEIS1-BACKUP")
        case .drills: return (.recordDrill, "DR-DRILL")
        case .snapshots: return nil
        }
    }

    var actions: [RowAction] {
        let source = self
        return [RowAction(slot: .fix, help: "record a data backup, export the /deis configuration, or record a restore drill", mutating: true) { index in
            guard let (intent, rule) = source.intent(at: index) else {
                return .unavailable("a v3 etcd snapshot holds none of Deis v1's v2 data; export the /deis configuration instead")
            }
            let subject = intent == .exportConfig ? Deis1Names.configExportKind : intent == .recordDrill ? source.targetName : "platform data"
            return .intent(intent, ruleID: rule, subject: subject)
        }]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard rows.indices.contains(index) else { return nil }
        let stamp = { (date: Date) in String(ISO8601DateFormatter().string(from: date).prefix(16)) }
        switch rows[index] {
        case .data:
            let list = backups(Deis1Names.dataBackupKind)
            return ("platform data backups", (list.isEmpty ? ["None recorded."] : list.map { "\(stamp($0.takenAt))  \($0.by)  \($0.location)" })
                    + ["", "deisctl has no backup command (reference §2.8): s3cmd sync s3://db_wal and s3://registry through",
                       "store-gateway, tar /var/lib/deis/store, pg_dumpall — or back up the external S3/PostgreSQL.",
                       "f records one done now (who and when). Policy: younger than \(policy.backupMaxAgeHours) h."])
        case .config:
            let list = backups(Deis1Names.configExportKind)
            return ("/deis config exports", (list.isEmpty ? ["None taken yet."] : list.map {
                "\(stamp($0.takenAt))  \(Formatting.bytes($0.sizeBytes))  \($0.entries.map { "\($0) values" } ?? "")  \($0.verified ? "verified" : "UNVERIFIED")  \($0.location)"
            }) + ["", "f exports the /deis tree of the etcd v2 store as JSON (etcdctl -o json ls --recursive), reads it back, keeps it 0600."])
        case .snapshots:
            return ("etcd snapshots", ["Not applicable: Deis v1 keeps its configuration (and fleet its registry) in the etcd v2 store,",
                                       "which a v3 snapshot does not hold. The /deis export above is its configuration backup."])
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
