import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-MASTERS: exactly three master nodes.
public struct DeckhouseMastersRule: Rule {
    public let info = RuleInfo(
        id: "DH-MASTERS", title: "Exactly 3 master nodes", severity: .error, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Master nodes"),
        rationale: "Three masters keep etcd quorum through the loss of one and allow safe updates. Two (or any even number) cannot keep quorum when one fails; more than three add nothing."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "master nodes"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.nodes, subject: subject) { _ in
                let masters = deckhouse.nodes(with: .master)
                let want = policy.deckhouseMasterCount
                let names = masters.map(\.name).joined(separator: ", ")
                if masters.count == want {
                    return [finding(.pass, subject: subject, "\(want) master nodes: \(names)")]
                }
                let why: String
                switch masters.count {
                case 0: why = "no node carries a master (control-plane) role label"
                case 1: why = "1 master node (\(names)): losing it stops the control plane"
                case let n where n % 2 == 0: why = "\(n) master nodes (\(names)): an even number cannot keep quorum when one fails"
                default: why = "\(masters.count) master nodes (\(names)): more than needed"
                }
                return [finding(.fail, subject: subject, "\(why) — run exactly \(want)")]
            }
        }
    }
}
