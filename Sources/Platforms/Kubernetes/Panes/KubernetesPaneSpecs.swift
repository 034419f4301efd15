import ShipshapeCore
import PaneKit
import KubernetesRules

/// Panes every Kubernetes platform can show.
public enum KubernetesPaneSpecs {
    /// Nodes: name, status, roles, capacity, kubelet version.
    public static let nodes = PaneSpec(kind: .nodes, title: "Nodes", column: 0) { context in
        NodesPane.source(nodes: context.state?.kubernetes.nodes)
    }

    /// Backups: etcd snapshots (with `--etcd-endpoints`), backup CronJobs, drills.
    public static let backups = PaneSpec(kind: .backups, title: "Backups", column: 1, weight: 2, tracksClock: true) { context in
        BackupsPane.source(state: context.state, policy: context.policy, jobs: context.state?.kubernetes.backupJobs.value ?? [], now: context.now)
    }
}
