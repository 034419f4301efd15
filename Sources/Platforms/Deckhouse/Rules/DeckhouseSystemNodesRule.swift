import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-SYSTEM-NODES: two system nodes for Deckhouse's own modules.
public struct DeckhouseSystemNodesRule: Rule {
    public let info = RuleInfo(
        id: "DH-SYSTEM-NODES", title: "2 system nodes", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("System nodes"),
        rationale: "System nodes run Deckhouse modules away from user applications; two keep them running when one fails."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "system nodes"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.nodes, subject: subject) { _ in
                let system = deckhouse.nodes(with: .system)
                let want = policy.deckhouseSystemNodeCount
                if system.count >= want {
                    return [finding(.pass, subject: subject, "\(system.count) system nodes: \(system.map(\.name).joined(separator: ", "))")]
                }
                let why = system.isEmpty ? "no system nodes: Deckhouse modules share nodes with user applications"
                    : "1 system node (\(system[0].name)): Deckhouse modules stop when it fails"
                return [finding(.fail, subject: subject, "\(why) — want \(want)")]
            }
        }
    }
}
