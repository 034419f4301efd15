import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-STORAGECLASS: a dedicated storage class (on fast disks) is set for Deckhouse components.
public struct DeckhouseStorageClassRule: Rule {
    public let info = RuleInfo(
        id: "DH-STORAGECLASS", title: "A dedicated storage class is set for Deckhouse components", severity: .warning,
        platforms: [.deckhouse], seed: DeckhouseSeed.section("Resource requirements"),
        rationale: "Prometheus and the other Deckhouse components need fast disks; without global settings.modules.storageClass they use the cluster's default class, whatever its speed."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "mc/global"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.storageClass, subject: subject) { storageClass in
                if let storageClass {
                    return [finding(.pass, subject: subject, "Deckhouse components use the storage class \(storageClass)")]
                }
                return [finding(.fail, subject: subject,
                                "no storage class set for Deckhouse components (ModuleConfig global settings.modules.storageClass): they use the cluster default")]
            }
        }
    }
}
