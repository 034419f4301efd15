import ShipshapeCore
import PlatformKit
import PaneKit
import KubernetesRules

/// The board's node and backup columns for a Kubernetes cluster.
public enum KubernetesBoardFacts {
    public static func facts(_ cluster: ClusterView) -> BoardFacts {
        var facts = BoardFacts()
        if let nodes = cluster.state?.kubernetes.nodes.value {
            facts.nodesTotal = nodes.count
            facts.nodesReady = nodes.filter { $0.ready == true }.count
        }
        // A backup CronJob's last success counts as the newest backup.
        facts.lastBackup = cluster.state?.kubernetes.backupJobs.value?.compactMap(\.lastSucceeded).max()
        return facts
    }
}
