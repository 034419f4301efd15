import Foundation
import ShipshapeCore

/// ETCD-SNAPSHOT: a verified etcd snapshot younger than the policy age exists.
public struct EtcdSnapshotRule: Rule {
    public let info = RuleInfo(
        id: "ETCD-SNAPSHOT", title: "A recent etcd snapshot exists", severity: .error, platforms: [],
        seed: "004 Backups; 000 Back up data",
        rationale: "etcd holds the whole cluster configuration; without a recent snapshot that reads back, a lost quorum or a bad write cannot be undone."
    )

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        guard state.target.etcd != nil else {
            return [finding(.notApplicable, subject: "etcd", "no etcd endpoints given (--etcd-endpoints)")]
        }
        // etcd 3.x keeps v2 and v3 apart; a snapshot holds only v3. Say so rather than pass on an empty file.
        if let use = state.etcd.value?.storeUse, use.dataOnlyInV2 {
            return [finding(.fail, subject: "etcd", "the v3 keyspace is empty and the data is in the v2 store (\(use.v2TopLevel ?? 0) top-level entries): a v3 snapshot would hold none of it — back up the v2 store (etcdctl backup on a member's data dir, or export it)")]
        }
        if let error = state.records.error { return [unreadable(error, subject: "etcd")] }
        guard let records = state.records.value else { return [] }
        guard let latest = records.latestSnapshot(for: state.target.name) else {
            return [finding(.fail, subject: "etcd", "no verified snapshot taken yet", fix: .etcdSnapshot)]
        }
        let hours = now().timeIntervalSince(latest.takenAt) / 3600
        if hours > Double(policy.backupMaxAgeHours) {
            return [finding(.fail, subject: "etcd", "latest snapshot is \(Int(hours)) h old (policy: \(policy.backupMaxAgeHours) h)", fix: .etcdSnapshot)]
        }
        return [finding(.pass, subject: "etcd", "snapshot \(Int(hours * 60)) min old, revision \(latest.revision.map(String.init) ?? "?")")]
    }
}
