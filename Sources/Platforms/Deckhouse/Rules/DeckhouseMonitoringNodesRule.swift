import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-MONITORING-NODES: high-load clusters run monitoring on two dedicated nodes.
public struct DeckhouseMonitoringNodesRule: Rule {
    public let info = RuleInfo(
        id: "DH-MONITORING-NODES", title: "High-load clusters have 2 monitoring nodes", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Monitoring nodes"),
        rationale: "Where many alerts and metrics are produced, Prometheus and Grafana need two dedicated nodes with fast disks. A cluster is treated as high-load when the policy says so, or when it already dedicates monitoring nodes."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "monitoring nodes"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.nodes, subject: subject) { _ in
                let count = deckhouse.nodes(with: .monitoring).count
                let want = policy.deckhouseMonitoringNodeCount
                if count >= want {
                    return [finding(.pass, subject: subject, "\(count) dedicated monitoring nodes")]
                }
                if count == 0 && !policy.deckhouseHighLoad {
                    return [finding(.notApplicable, subject: subject, "no dedicated monitoring nodes, and the policy does not mark this cluster high-load: monitoring runs on system nodes")]
                }
                let why = count == 0 ? "the policy marks this cluster high-load, but it has no dedicated monitoring node"
                    : "\(count) dedicated monitoring node: monitoring stops when it fails"
                return [finding(.fail, subject: subject, "\(why) — use \(want), with fast disks")]
            }
        }
    }
}
