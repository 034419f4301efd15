/// Thresholds the rules use. Defaults come from the source documents; a policy file
/// may change them.
public struct Policy: Sendable, Hashable, Codable {
    public var minRouterReplicas = 2
    public var certificateWarningDays = 30
    public var backupMaxAgeHours = 24
    /// Swarm node sizes (003 "Go to Production", "Resources"): managers at least a
    /// Medium node (2 vCPU, 4 GiB), workers at least a Large one (2 vCPU, 8 GiB).
    public var swarmManagerMinCPUs = 2.0
    public var swarmManagerMinMemoryBytes: Int64 = 4 << 30
    public var swarmWorkerMinCPUs = 2.0
    public var swarmWorkerMinMemoryBytes: Int64 = 8 << 30
    /// Largest service image that still fails over fast (003 "Keep your images small").
    public var swarmImageMaxBytes: Int64 = 1 << 30
    /// Every Swarm node rebooted through the maintenance flow within this many days (003 "Reboot nodes once a week").
    public var swarmMaintenanceMaxAgeDays = 7
    /// Replicated services run at least this many replicas (003 "Reducing deployment downtime").
    public var swarmMinServiceReplicas = 2
    /// A restore drill within this many days (003 "Validate your backups … once every 1-3 months").
    public var swarmDrillMaxAgeDays = 90
    /// Global services (one task on every node: monitoring and log agents) are exempt from
    /// SWARM-MANAGER-FREE, and the finding says so with this reason; nil makes them count.
    public var swarmGlobalServiceExemption: String? = "a global service runs one task on every node by design (monitoring and log agents)"
    /// Deckhouse (004): release channels fit for production, and the one DH-RELEASE-CHANNEL's fix sets.
    public var deckhouseReleaseChannels = ["EarlyAccess", "Stable"]
    public var deckhouseTargetReleaseChannel = "Stable"
    /// The window DH-UPDATE-WINDOWS proposes (UTC; the form lets the operator change it).
    public var deckhouseProposedWindow = UpdateWindowSpec(from: "01:00", to: "04:00", days: ["Sat", "Sun"])
    /// A deployed release older than this is stale (004 "hasn't been updated in over six months").
    public var deckhouseReleaseMaxAgeDays = 183
    public var deckhouseMasterCount = 3
    public var deckhouseMinFrontendNodes = 2
    public var deckhouseSystemNodeCount = 2
    public var deckhouseMonitoringNodeCount = 2
    /// A high-load cluster needs dedicated monitoring nodes (004 "Monitoring nodes").
    public var deckhouseHighLoad = false
    /// Minimum sizes per role (004 "Resource requirements"); GB there are 10^9 bytes.
    public var deckhouseMasterMinimum = DeckhouseNodeMinimum(cpus: 4, memoryGB: 8, diskGB: 60)
    public var deckhouseFrontendMinimum = DeckhouseNodeMinimum(cpus: 2, memoryGB: 4, diskGB: 50)
    public var deckhouseMonitoringMinimum = DeckhouseNodeMinimum(cpus: 4, memoryGB: 8, diskGB: 50)
    /// System nodes when the cluster has dedicated monitoring nodes, and when it has none.
    public var deckhouseSystemMinimumWithMonitoring = DeckhouseNodeMinimum(cpus: 2, memoryGB: 4, diskGB: 50)
    public var deckhouseSystemMinimum = DeckhouseNodeMinimum(cpus: 4, memoryGB: 8, diskGB: 60)
    /// The nightly `d8-etcd-backup` job runs at 00:00 UTC; a day plus its run time.
    public var deckhouseEtcdBackupMaxAgeHours = 26
    public var deckhouseDrillMaxAgeDays = 90
    /// The infrastructure nodes together (004 "Estimates of the resources required"): a regular
    /// cluster at least 24 CPU / 48 GB, a high-load one (dedicated monitoring nodes) 28 / 64.
    public var deckhouseClusterMinCPUs = 24
    public var deckhouseClusterMinMemoryGB = 48
    public var deckhouseHighLoadClusterMinCPUs = 28
    public var deckhouseHighLoadClusterMinMemoryGB = 64
    /// In Manual update mode, a release may wait for approval this long before it counts as stale.
    public var deckhouseReleaseApprovalMaxAgeDays = 14
    /// An off-cluster copy of the backups is recorded at least this often (004 "Keep these
    /// backups as far away from your cluster as possible").
    public var deckhouseBackupCopyMaxAgeDays = 7
    /// Modules that keep persistent volumes, which DH-PV-NODESELECTOR asks to pin with an
    /// explicit nodeSelector when the cluster has dedicated nodes (004 "Monitoring nodes").
    public var deckhousePersistentModules = ["prometheus", "upmeter", "loki"]
    public var severityOverrides: [String: Severity] = [:]
    /// Rules turned off entirely; reports list them as disabled.
    public var disabledRules: Set<String> = []
    /// Findings accepted for a named object, with a reason; still reported, marked suppressed.
    public var suppressions: [Suppression] = []

    public init() {}

    public static let `default` = Policy()
}
