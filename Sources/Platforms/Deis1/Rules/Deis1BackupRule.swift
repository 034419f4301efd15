import ShipshapeCore
import EtcdRules
/// DEIS1-BACKUP: a recent backup exists. shipshape does not record backups yet, so
/// this cannot be decided from the cluster and stays a manual check.
public struct Deis1BackupRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-BACKUP", title: "Platform data is backed up", severity: .error, platforms: [.deis1],
        seed: Deis1Seed.section("Back up data"),
        rationale: "Platform state (database WAL, registry, logs) lives in Ceph; losing the store loses every app. deisctl has no backup command: back up through store-gateway with s3cmd, plus /var/lib/deis/store and an optional pg_dumpall."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        // etcd holds the platform's configuration; the store's data (s3cmd sync of db_wal and
        // registry through store-gateway, /var/lib/deis/store, pg_dumpall) stays a manual step.
        [snapshotFinding(state, policy: policy, subject: "backups")]
    }
}
