import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// The CronJob `kube-system/d8-etcd-backup-*` recent Deckhouse releases run nightly
/// (reference §5.7), with the last time it succeeded.
public struct DeckhouseEtcdBackupJob: Sendable, Hashable {
    public var name: String
    public var schedule: String?
    public var lastSuccess: Date?
    public var suspended: Bool

    public init(name: String, schedule: String?, lastSuccess: Date?, suspended: Bool = false) {
        self.name = name
        self.schedule = schedule
        self.lastSuccess = lastSuccess
        self.suspended = suspended
    }
}
