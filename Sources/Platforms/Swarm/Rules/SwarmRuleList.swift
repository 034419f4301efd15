import ShipshapeCore
/// Every rule of the MedStack Control section of RULES.md, in catalogue order.
public enum SwarmRuleList {
    public static var all: [any Rule] {
        [SwarmMultiNodeRule(), SwarmManagerSizeRule(), SwarmWorkerSizeRule(), SwarmManagerFreeRule(),
         SwarmStatefulPlacementRule(), SwarmBindMountsRule(), SwarmSecretsRule(), SwarmImageSizeRule(),
         SwarmSwitchoverRule(), SwarmRebootRule(), SwarmHealthCheckRule(), SwarmDowntimeRule(), SwarmCriticalNodeRule(),
         SwarmDatabaseTierRule(), SwarmRestoreDrillRule(), SwarmNotificationsRule(), SwarmNodesReadyRule()]
    }
}
