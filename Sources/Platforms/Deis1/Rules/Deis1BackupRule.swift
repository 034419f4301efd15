import Foundation
import ShipshapeCore
import EtcdRules
/// DEIS1-BACKUP: the platform's **data** (database, registry and builder data in the store, or the
/// external S3/PostgreSQL that replaced it) was backed up within the policy age — recorded by the
/// operator, since deisctl has no backup command (cli-formats.md §2.8) — and the console holds a
/// verified export of the `/deis` v2 configuration, which it can take itself. An etcd v3
/// snapshot is no backup here: it holds none of the v2 data.
public struct Deis1BackupRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-BACKUP", title: "Platform data is backed up", severity: .error, platforms: [.deis1],
        seed: Deis1Seed.section("Back up data"),
        rationale: "Platform state (database WAL, registry, builder) lives in Ceph; losing the store loses every app. deisctl has no backup command: back up through store-gateway with s3cmd (db_wal, registry), tar /var/lib/deis/store, and pg_dumpall; keep an export of the /deis configuration beside it."
    )

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let data = "platform data", config = Deis1Names.configExportKind
        if let error = state.records.error { return [unreadable(error, subject: data), unreadable(error, subject: config)] }
        guard let records = state.records.value else { return [] }
        let maxHours = Double(policy.backupMaxAgeHours)
        var findings: [Finding] = []
        if let latest = records.latestBackup(for: state.target.name, kind: Deis1Names.dataBackupKind) {
            let hours = now().timeIntervalSince(latest.takenAt) / 3600
            findings.append(hours > maxHours
                ? finding(.fail, subject: data, "the last recorded data backup is \(Int(hours)) h old (policy: \(policy.backupMaxAgeHours) h); back up, then f records it", fix: .recordBackup(kind: Deis1Names.dataBackupKind))
                : finding(.pass, subject: data, "data backup recorded \(Int(hours)) h ago by \(latest.by)"))
        } else {
            findings.append(finding(.fail, subject: data, "no data backup recorded: s3cmd sync s3://db_wal and s3://registry through store-gateway, tar /var/lib/deis/store, pg_dumpall (or back up the external S3/PostgreSQL); then f records it", fix: .recordBackup(kind: Deis1Names.dataBackupKind)))
        }
        if let latest = records.latestBackup(for: state.target.name, kind: config) {
            let hours = now().timeIntervalSince(latest.takenAt) / 3600
            findings.append(hours > maxHours
                ? finding(.fail, subject: config, "the last /deis export is \(Int(hours)) h old (policy: \(policy.backupMaxAgeHours) h); f takes one", fix: .exportConfig)
                : finding(.pass, subject: config, "verified export \(Int(hours)) h old: \(latest.location)"))
        } else {
            findings.append(finding(.fail, subject: config, "no export of the /deis configuration (etcd v2) yet; f takes one and reads it back", fix: .exportConfig))
        }
        return findings
    }
}
