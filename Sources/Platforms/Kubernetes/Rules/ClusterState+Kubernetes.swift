import Foundation
import ShipshapeCore

extension KubernetesState: StateSection {
    public var failures: [ProbeError] {
        [nodes.error, deployments.error, pods.error, secrets.error, apiGroups.error, clusterRoles.error, backupJobs.error].compactMap { $0 }
    }
}

extension ClusterState {
    /// What the Kubernetes reads found (empty sections, each `.notProbed`, elsewhere).
    public var kubernetes: KubernetesState {
        get { self[section: KubernetesState.self].value ?? KubernetesState() }
        set { self[section: KubernetesState.self] = .loaded(newValue) }
    }

    public init(target: Target, readAt: Date = Date(), kubernetes: KubernetesState) {
        self.init(target: target, readAt: readAt)
        self.kubernetes = kubernetes
    }
}
