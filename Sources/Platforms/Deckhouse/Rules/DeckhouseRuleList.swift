import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// Every rule of the Deckhouse section of RULES.md, in catalogue order. `now` is the clock
/// of the age rules, injectable for tests.
public enum DeckhouseRuleList {
    public static func all(now: @escaping @Sendable () -> Date = { Date() }) -> [any Rule] {
        [DeckhouseReleaseChannelRule(), DeckhouseUpdateWindowsRule(), DeckhouseWindowsOverlapRule(),
         DeckhouseReleaseAgeRule(now: now), DeckhouseKubernetesVersionRule(), DeckhouseMastersRule(),
         DeckhouseNodeResourcesRule(), DeckhouseFrontendRule(), DeckhouseFrontendCapacityRule(), DeckhouseMonitoringNodesRule(),
         DeckhouseSystemNodesRule(), DeckhouseStorageClassRule(), DeckhouseClusterTotalsRule(), DeckhouseMonitoringStorageRule(),
         DeckhousePVNodeSelectorRule(), DeckhouseReleaseApprovalRule(now: now), DeckhouseChannelOrderRule(), DeckhouseAlertsRule(),
         DeckhouseEtcdBackupRule(now: now), DeckhouseBackupOffsiteRule(now: now), DeckhouseRecoveryPlanRule()]
    }

    /// The rule ids, for reports that must list every one.
    public static var ids: [String] { all().map(\.info.id) }
}
