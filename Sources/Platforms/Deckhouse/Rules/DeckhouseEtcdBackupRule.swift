import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// DH-ETCD-BACKUP: an etcd backup younger than the policy age exists. Deckhouse takes one
/// nightly with the CronJob `kube-system/d8-etcd-backup-*`; its last success is the evidence.
public struct DeckhouseEtcdBackupRule: Rule {
    public let info = RuleInfo(
        id: "DH-ETCD-BACKUP", title: "A recent etcd backup exists", severity: .error, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Backups"),
        rationale: "An etcd backup is the last chance to restore the cluster. Keep them recent, and as far from the cluster as possible."
    )

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "etcd backups"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.etcdBackupJobs, subject: subject) { jobs in
                let limit = policy.deckhouseEtcdBackupMaxAgeHours
                guard !jobs.isEmpty else {
                    return [finding(.fail, subject: subject,
                                    "no \(DeckhouseNames.etcdBackupJobPrefix) CronJob in kube-system: take etcd backups (d8 backup etcd FILE, or etcdctl snapshot save on a master) and keep them off the cluster")]
                }
                let latest = jobs.compactMap(\.lastSuccess).max()
                let suspended = jobs.filter(\.suspended).map(\.name)
                // Run each backup CronJob now and wait for its Job: a fresh backup at once.
                let runNow = FixIntent.runScheduledJobs(namespace: DeckhouseNames.etcdBackupNamespace, names: jobs.map(\.name))
                guard let latest else {
                    return [finding(.fail, subject: subject, "\(jobs.map(\.name).joined(separator: ", ")) never completed successfully; f runs it now", fix: runNow)]
                }
                let hours = Int(now().timeIntervalSince(latest) / 3600)
                if hours > limit {
                    return [finding(.fail, subject: subject, "last successful etcd backup \(Self.age(hours)) ago (over \(limit) h)"
                                    + (suspended.isEmpty ? "; f runs it now" : "; \(suspended.joined(separator: ", ")) is suspended"),
                                    fix: suspended.isEmpty ? runNow : nil)]
                }
                if !suspended.isEmpty {
                    return [finding(.fail, subject: subject, "\(suspended.joined(separator: ", ")) is suspended: no new backups will be taken")]
                }
                return [finding(.pass, subject: subject, "last successful etcd backup \(Self.age(hours)) ago")]
            }
        }
    }

    static func age(_ hours: Int) -> String {
        hours < 48 ? "\(max(hours, 0)) h" : "\(hours / 24) days"
    }
}
