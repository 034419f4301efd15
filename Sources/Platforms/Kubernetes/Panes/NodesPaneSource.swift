import ShipshapeCore
import PaneKit
import KubernetesRules

/// Nodes: name, status, roles, capacity, kubelet version.
struct NodesPaneSource: PaneSource {
    let nodes: Loaded<[KubeNode]>?

    var title: String { "Nodes" }
    var columns: [Column] {
        [Column("NAME"), Column("STATUS", width: 9), Column("ROLES", width: 13), Column("CPU", width: 4), Column("MEM", width: 7), Column("VERSION", width: 8)]
    }
    var list: [KubeNode] { nodes?.value ?? [] }
    var rowCount: Int { list.count }
    var errorText: String? { nodes?.error?.message }
    var emptyText: String { nodes == nil ? "loading…" : "no nodes" }

    var summary: [Cell]? {
        guard let list = nodes?.value else { return nil }
        let notReady = list.filter { $0.ready != true }.count
        return notReady == 0 ? [Cell("all \(list.count) Ready", .ok)] : [Cell("\(notReady) of \(list.count) not Ready", .error)]
    }

    func row(at index: Int) -> [Cell] {
        let node = list[index]
        let status: Cell = switch node.ready {
        case true?: Cell("Ready", .ok)
        case false?: Cell("NotReady", .error)
        case nil: Cell("Unknown", .warning)
        }
        return [Cell(node.name), status, Cell(node.roles.isEmpty ? "<none>" : node.roles.joined(separator: ","), .dim),
                Cell(Formatting.cpu(node.cpuMillis)), Cell(Formatting.bytes(node.memoryBytes)), Cell(node.kubeletVersion, .dim)]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard list.indices.contains(index) else { return nil }
        let node = list[index]
        var lines = ["Name:     \(node.name)", "Ready:    \(node.ready.map { $0 ? "yes" : "no" } ?? "unknown")",
                     "Roles:    \(node.roles.isEmpty ? "<none>" : node.roles.joined(separator: ", "))",
                     "CPU:      \(Formatting.cpu(node.cpuMillis))", "Memory:   \(Formatting.bytes(node.memoryBytes))",
                     "Kubelet:  \(node.kubeletVersion)", "", "Labels:"]
        lines += node.labels.sorted { $0.key < $1.key }.map { "  \($0.key)=\($0.value)" }
        return (node.name, lines)
    }
}
