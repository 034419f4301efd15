import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-BACKUP-OFFSITE: the etcd backups are copied "as far away from the cluster as possible".
/// Deckhouse's CronJob writes them onto the masters themselves, so nothing in the cluster can
/// show a copy elsewhere: the operator records each copy (who, when) and the rule reads the
/// newest against the policy age.
public struct DeckhouseBackupOffsiteRule: Rule {
    public let info = RuleInfo(
        id: "DH-BACKUP-OFFSITE", title: "The backups are copied away from the cluster", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Backups"),
        rationale: "The nightly etcd backup lands on the master nodes, which a disaster takes with it. Keep copies as far away from the cluster as possible, and record each copy: f records one."
    )

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "off-cluster copy"
        return withDeckhouse(state, subject: subject) { _ in
            if let error = state.records.error { return [unreadable(error, subject: subject)] }
            guard let records = state.records.value else {
                return [finding(.manual, subject: subject, "confirm by hand that the etcd backups were copied off the cluster within \(policy.deckhouseBackupCopyMaxAgeDays) days")]
            }
            let limit = policy.deckhouseBackupCopyMaxAgeDays
            guard let latest = records.latestBackupCopy(for: state.target.name) else {
                return [finding(.fail, subject: subject, "no off-cluster copy of the backups recorded: the CronJob keeps them on the masters; copy them away, then f records it",
                                fix: .recordBackupCopy)]
            }
            let days = Int(now().timeIntervalSince(latest.at) / 86_400)
            if days > limit {
                return [finding(.fail, subject: subject, "last off-cluster copy recorded \(days) days ago (policy: \(limit)): copy the backups away again, then f records it",
                                fix: .recordBackupCopy)]
            }
            return [finding(.pass, subject: subject, "off-cluster copy recorded \(max(days, 0)) day(s) ago by \(latest.by)")]
        }
    }
}
