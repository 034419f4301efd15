import Foundation

/// Everything one refresh learned about the target. Value type: panes and rules read
/// a consistent snapshot while the next refresh is under way.
public struct ClusterState: Sendable {
    public var target: Target
    public var readAt: Date
    public var kubernetes: KubernetesState
    public var etcd: Loaded<EtcdState> = .notProbed
    public var fleet: Loaded<FleetState> = .notProbed
    public var swarm: Loaded<SwarmState> = .notProbed
    /// The console's own records (snapshots, drills, maintenance), read with each refresh.
    public var records: Loaded<ConsoleRecords> = .notProbed
    public var deckhouse: Loaded<DeckhouseState> = .notProbed

    public init(target: Target, readAt: Date = Date(), kubernetes: KubernetesState = KubernetesState()) {
        self.target = target
        self.readAt = readAt
        self.kubernetes = kubernetes
    }

    /// Every section that failed, for the status bar and `check`'s exit status.
    public var failures: [ProbeError] {
        let k = kubernetes
        let all = [k.nodes.error, k.deployments.error, k.pods.error, k.secrets.error, k.apiGroups.error, k.clusterRoles.error, k.backupJobs.error,
                   etcd.error, fleet.error, swarm.error, deckhouse.error, records.error]
            .compactMap { $0 } + (deckhouse.value?.failures ?? []) + (etcd.value?.keys.error.map { [$0] } ?? [])
        // One read can feed two sections (Deckhouse decodes the node list once for both).
        return all.enumerated().filter { index, error in !all[..<index].contains(error) }.map(\.element)
    }
}
