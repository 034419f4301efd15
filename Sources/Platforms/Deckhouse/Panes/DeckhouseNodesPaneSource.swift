import ShipshapeCore
import PaneKit
import DeckhouseRules
import KubernetesRules
import EtcdRules
import KubernetesPanes
import EtcdPanes

/// Deckhouse nodes: infrastructure role, NodeGroup, readiness and size (CPU, memory, root
/// disk) — what DH-MASTERS, DH-FRONTEND, DH-SYSTEM-NODES and DH-NODE-RESOURCES judge.
/// Infrastructure nodes first (masters, frontend, monitoring, system), then workers.
struct DeckhouseNodesPaneSource: PaneSource {
    let deckhouse: Loaded<DeckhouseState>?
    var policy = Policy.default

    var title: String { "Nodes" }
    var columns: [Column] {
        [Column("NAME"), Column("ROLE", width: 10), Column("STATUS", width: 8),
         Column("CPU", width: 3), Column("MEM", width: 4), Column("DISK", width: 4)]
    }

    var nodesSection: Loaded<[DeckhouseNode]>? {
        switch deckhouse {
        case .loaded(let state)?: return state.nodes
        case .failed(let error)?: return .failed(error)
        default: return nil
        }
    }

    /// Infrastructure roles first, then workers, each by name — sorted once per state.
    let list: [DeckhouseNode]

    init(deckhouse: Loaded<DeckhouseState>?, policy: Policy = .default) {
        self.deckhouse = deckhouse
        self.policy = policy
        let nodes: [DeckhouseNode]
        if case .loaded(let state)? = deckhouse { nodes = state.nodes.value ?? [] } else { nodes = [] }
        self.list = nodes.sorted { a, b in
            let rank = { (n: DeckhouseNode) in n.roles.min().map { DeckhouseNodeRole.allCases.firstIndex(of: $0)! } ?? 9 }
            return (rank(a), a.name) < (rank(b), b.name)
        }
    }

    var rowCount: Int { list.count }
    var errorText: String? { nodesSection?.error?.message }
    var emptyText: String { nodesSection == nil ? "loading…" : "no nodes" }

    var summary: [Cell]? {
        guard let state = deckhouse?.value, state.nodes.value != nil else { return nil }
        let counts = DeckhouseNodeRole.allCases.map { "\(state.nodes(with: $0).count) \($0.rawValue)" }
        let healthy = state.nodes(with: .master).count == policy.deckhouseMasterCount
            && state.nodes(with: .frontend).count >= policy.deckhouseMinFrontendNodes
            && state.nodes(with: .system).count >= policy.deckhouseSystemNodeCount
        return [Cell(counts.joined(separator: " · "), healthy ? .ok : .warning)]
    }

    static func gb(_ bytes: Int64?) -> String {
        guard let bytes else { return "?" }
        return "\(Int((Double(bytes) / 1e9).rounded()))G"
    }

    func row(at index: Int) -> [Cell] {
        let node = list[index]
        let status: Cell = switch node.ready {
        case true?: Cell("Ready", .ok)
        case false?: Cell("NotReady", .error)
        case nil: Cell("Unknown", .warning)
        }
        let role = node.roles.isEmpty ? Cell("worker", .dim) : Cell(node.roles.map(\.rawValue).joined(separator: "+"), .info)
        return [Cell(node.name), role, status,
                Cell(Formatting.cpu(node.cpuMillis)), Cell(Self.gb(node.memoryBytes)), Cell(Self.gb(node.diskBytes))]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard list.indices.contains(index) else { return nil }
        let node = list[index]
        return (node.name, ["Name:       \(node.name)",
                            "Roles:      \(node.roles.isEmpty ? "worker (no infrastructure role)" : node.roles.map(\.rawValue).joined(separator: ", "))",
                            "NodeGroup:  \(node.nodeGroup ?? "-")",
                            "Ready:      \(node.ready.map { $0 ? "yes" : "no" } ?? "unknown")",
                            "CPU:        \(Formatting.cpu(node.cpuMillis))",
                            "Memory:     \(Self.gb(node.memoryBytes)) (GB, 10^9 bytes, as the sizing guide counts)",
                            "Disk:       \(Self.gb(node.diskBytes)) (ephemeral-storage capacity)"])
    }
}
