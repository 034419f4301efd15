import ShipshapeCore
import PlatformKit
import PaneKit
import EtcdRules

/// What the estate board shows of any cluster's etcd: members healthy, the quorum in a few
/// words, the newest verified snapshot.
public enum EtcdBoardFacts {
    public static func quorum(_ etcd: EtcdState) -> (text: String, healthy: Bool) {
        let quorum = etcd.quorum
        guard quorum.voting > 0 else { return ("no members", false) }
        let up = quorum.voting - quorum.down
        if !quorum.hasQuorum { return ("\(up)/\(quorum.voting) LOST", false) }
        return ("\(up)/\(quorum.voting), tolerates \(max(quorum.remaining, 0))", quorum.down == 0 && quorum.voting % 2 == 1)
    }

    /// Fills the etcd columns of a cluster's board row (members count as its nodes when
    /// `asNodes`, as for a bare etcd cluster).
    public static func fill(_ facts: inout BoardFacts, from cluster: ClusterView, asNodes: Bool) {
        if let etcd = cluster.state?.etcd.value {
            let (text, healthy) = quorum(etcd)
            facts.quorum = text
            facts.quorumHealthy = healthy
            if asNodes {
                facts.nodesTotal = etcd.members.count
                facts.nodesReady = etcd.members.filter { $0.health == .healthy }.count
            }
        }
        if let snapshot = cluster.state?.records.value?.latestSnapshot(for: cluster.target.name) {
            facts.lastBackup = max(facts.lastBackup ?? snapshot.takenAt, snapshot.takenAt)
        }
    }
}
