import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-NODE-RESOURCES: each infrastructure node meets its role's minimum size.
public struct DeckhouseNodeResourcesRule: Rule {
    public let info = RuleInfo(
        id: "DH-NODE-RESOURCES", title: "Infrastructure nodes meet their role's minimum size", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Resource requirements"),
        rationale: "Master 4 CPU/8 GB/60 GB; frontend 2/4/50; monitoring 4/8/50; system 2/4/50 when there are monitoring nodes, else 4/8/60 (it then runs monitoring too). Smaller nodes starve Deckhouse's own components."
    )

    public init() {}

    /// The minimum for a node: the union of its roles' minimums.
    static func minimum(for node: DeckhouseNode, monitoringNodes: Bool, policy: Policy) -> DeckhouseNodeMinimum? {
        node.roles.map { role -> DeckhouseNodeMinimum in
            switch role {
            case .master: return policy.deckhouseMasterMinimum
            case .frontend: return policy.deckhouseFrontendMinimum
            case .monitoring: return policy.deckhouseMonitoringMinimum
            case .system: return monitoringNodes ? policy.deckhouseSystemMinimumWithMonitoring : policy.deckhouseSystemMinimum
            }
        }.reduce(nil) { partial, next in partial.map { $0.union(next) } ?? next }
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "infrastructure nodes"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.nodes, subject: subject) { nodes in
                let monitoring = !deckhouse.nodes(with: .monitoring).isEmpty
                let sized = nodes.filter { !$0.roles.isEmpty }
                guard !sized.isEmpty else {
                    return [finding(.notApplicable, subject: subject, "no node carries a master, frontend, monitoring or system role")]
                }
                var findings: [Finding] = []
                for node in sized {
                    guard let minimum = Self.minimum(for: node, monitoringNodes: monitoring, policy: policy) else { continue }
                    let missing = minimum.shortfalls(of: node)
                    if !missing.isEmpty {
                        let roles = node.roles.map(\.rawValue).joined(separator: "+")
                        let context = node.has(.system) && !monitoring ? " (no monitoring nodes, so system nodes carry monitoring)" : ""
                        findings.append(finding(.fail, subject: node.name,
                                                "\(roles) node below \(minimum)\(context): \(missing.joined(separator: ", "))"))
                    }
                }
                if findings.isEmpty {
                    return [finding(.pass, subject: subject, "all \(sized.count) infrastructure node(s) meet their role's minimum")]
                }
                return findings
            }
        }
    }
}
