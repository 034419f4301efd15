import ShipshapeCore
import PaneKit
import DeckhouseRules
import KubernetesRules
import KubernetesPanes

/// Deckhouse nodes: infrastructure role, NodeGroup, readiness and size (CPU, memory, root
/// disk) — what DH-MASTERS, DH-FRONTEND, DH-SYSTEM-NODES and DH-NODE-RESOURCES judge.
/// Infrastructure nodes first (masters, frontend, monitoring, system), then workers.
public enum DeckhouseNodesPane {
    static let columns: [ListColumn<DeckhouseNode>] = [
        ListColumn("NAME", .slack(min: 12)) { Cell($0.name) },
        ListColumn("ROLE", .fit(max: 24), sort: { .number(Double(rank($0))) }) { node in
            node.roles.isEmpty ? Cell("worker", .dim) : Cell(node.roles.map(\.rawValue).joined(separator: "+"), .info)
        },
        ListColumn("GROUP", .fit(max: 16)) { Cell($0.nodeGroup ?? "-", .dim) },
        ListColumn("STATUS", .fit(max: 8), sort: { .number(NodesPane.readyRank($0.ready)) }) { NodesPane.readyCell($0.ready) },
        ListColumn("CPU", .fit(max: 5), sort: { .number(Double($0.cpuMillis ?? -1)) }) { Cell(Formatting.cpu($0.cpuMillis)) },
        ListColumn("MEM", .fit(max: 5), sort: { .number(Double($0.memoryBytes ?? -1)) }) { Cell(gb($0.memoryBytes)) },
        ListColumn("DISK", .fit(max: 5), sort: { .number(Double($0.diskBytes ?? -1)) }) { Cell(gb($0.diskBytes)) },
    ]

    public static func source(deckhouse: Loaded<DeckhouseState>?, policy: Policy = .default) -> ListSource<DeckhouseNode> {
        let section: Loaded<[DeckhouseNode]>? = switch deckhouse {
        case .loaded(let state)?: state.nodes
        case .failed(let error)?: .failed(error)
        case .notProbed?: .notProbed
        case nil: nil
        }
        let state = deckhouse?.value
        return ListSource(title: "Nodes", columns: columns, section: section, rows: { nodes in
            // Sorted once per state: infrastructure roles first, then workers, each by name.
            nodes.sorted { (rank($0), $0.name) < (rank($1), $1.name) }
        }, empty: "no nodes", summary: { _ in
            guard let state else { return nil }
            let counts = DeckhouseNodeRole.allCases.map { "\(state.nodes(with: $0).count) \($0.rawValue)" }
            let healthy = state.nodes(with: .master).count == policy.deckhouseMasterCount
                && state.nodes(with: .frontend).count >= policy.deckhouseMinFrontendNodes
                && state.nodes(with: .system).count >= policy.deckhouseSystemNodeCount
            return [Cell(counts.joined(separator: " · "), healthy ? .ok : .warning)]
        }, details: details)
    }

    static func rank(_ node: DeckhouseNode) -> Int {
        node.roles.min().map { DeckhouseNodeRole.allCases.firstIndex(of: $0)! } ?? 9
    }

    static func gb(_ bytes: Int64?) -> String {
        guard let bytes else { return "?" }
        return "\(Int((Double(bytes) / 1e9).rounded()))G"
    }

    static func details(_ node: DeckhouseNode) -> (title: String, lines: [String]) {
        (node.name, ["Name:       \(node.name)",
                     "Roles:      \(node.roles.isEmpty ? "worker (no infrastructure role)" : node.roles.map(\.rawValue).joined(separator: ", "))",
                     "NodeGroup:  \(node.nodeGroup ?? "-")",
                     "Ready:      \(node.ready.map { $0 ? "yes" : "no" } ?? "unknown")",
                     "CPU:        \(Formatting.cpu(node.cpuMillis))",
                     "Memory:     \(gb(node.memoryBytes)) (GB, 10^9 bytes, as the sizing guide counts)",
                     "Disk:       \(gb(node.diskBytes)) (ephemeral-storage capacity)"])
    }
}
