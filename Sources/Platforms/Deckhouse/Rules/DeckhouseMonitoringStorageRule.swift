import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-MONITORING-STORAGE: monitoring keeps its data on a dedicated (fast) storage class: the
/// global one for all Deckhouse components, or the prometheus module's own `storageClass` /
/// `longtermStorageClass`. Whether the class is on fast disks is the storage's business; the
/// finding names the class so an operator can tell.
public struct DeckhouseMonitoringStorageRule: Rule {
    public let info = RuleInfo(
        id: "DH-MONITORING-STORAGE", title: "Monitoring uses a dedicated storage class", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Monitoring nodes"),
        rationale: "Prometheus writes constantly: give it fast disks through a dedicated storageClass — the global one for all Deckhouse components, or the prometheus module's storageClass and longtermStorageClass."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "mc/prometheus"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.storageClass, subject: subject) { global in
                withSection(deckhouse.moduleSettings, subject: subject) { _ in
                    let prometheus = deckhouse.module("prometheus")
                    if prometheus?.enabled == false {
                        return [finding(.notApplicable, subject: subject, "the prometheus module is turned off")]
                    }
                    let own = [prometheus?.storageClass.map { "storageClass \($0)" }, prometheus?.longtermStorageClass.map { "longtermStorageClass \($0)" }]
                        .compactMap { $0 }
                    if !own.isEmpty {
                        return [finding(.pass, subject: subject, "the prometheus module sets \(own.joined(separator: ", "))")]
                    }
                    if let global {
                        return [finding(.pass, subject: subject, "monitoring uses the global storage class \(global) of all Deckhouse components")]
                    }
                    return [finding(.fail, subject: subject,
                                    "no storage class for monitoring: set the global settings.modules.storageClass, or the prometheus module's storageClass and longtermStorageClass, to a class on fast disks (by hand)")]
                }
            }
        }
    }
}
