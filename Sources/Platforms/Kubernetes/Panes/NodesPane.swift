import ShipshapeCore
import PaneKit
import KubernetesRules

/// Nodes: name, status, roles, capacity, kubelet version.
public enum NodesPane {
    public static let columns: [ListColumn<KubeNode>] = [
        ListColumn("NAME", .slack(min: 12)) { Cell($0.name) },
        ListColumn("STATUS", .fit(max: 9), sort: { .number(readyRank($0.ready)) }) { readyCell($0.ready) },
        ListColumn("ROLES", .fit(max: 20)) { Cell($0.roles.isEmpty ? "<none>" : $0.roles.joined(separator: ","), .dim) },
        ListColumn("CPU", .fit(max: 6), sort: { .number(Double($0.cpuMillis ?? -1)) }) { Cell(Formatting.cpu($0.cpuMillis)) },
        ListColumn("MEM", .fit(max: 8), sort: { .number(Double($0.memoryBytes ?? -1)) }) { Cell(Formatting.bytes($0.memoryBytes)) },
        ListColumn("VERSION", .fit(max: 16)) { Cell($0.kubeletVersion, .dim) },
    ]

    public static func source(nodes: Loaded<[KubeNode]>?) -> ListSource<KubeNode> {
        ListSource(title: "Nodes", columns: columns, section: nodes, rows: { $0 }, empty: "no nodes", summary: { list in
            let notReady = list.filter { $0.ready != true }.count
            return notReady == 0 ? [Cell("all \(list.count) Ready", .ok)] : [Cell("\(notReady) of \(list.count) not Ready", .error)]
        }, details: details)
    }

    /// Ready, NotReady or Unknown, coloured: shared by every Kubernetes nodes pane.
    public static func readyCell(_ ready: Bool?) -> Cell {
        switch ready {
        case true?: Cell("Ready", .ok)
        case false?: Cell("NotReady", .error)
        case nil: Cell("Unknown", .warning)
        }
    }

    /// NotReady sorts first: it is what the operator is looking for.
    public static func readyRank(_ ready: Bool?) -> Double {
        switch ready {
        case false?: 0
        case nil: 1
        case true?: 2
        }
    }

    static func details(_ node: KubeNode) -> (title: String, lines: [String]) {
        var lines = ["Name:     \(node.name)", "Ready:    \(node.ready.map { $0 ? "yes" : "no" } ?? "unknown")",
                     "Roles:    \(node.roles.isEmpty ? "<none>" : node.roles.joined(separator: ", "))",
                     "CPU:      \(Formatting.cpu(node.cpuMillis))", "Memory:   \(Formatting.bytes(node.memoryBytes))",
                     "Kubelet:  \(node.kubeletVersion)", "", "Labels:"]
        lines += node.labels.sorted { $0.key < $1.key }.map { "  \($0.key)=\($0.value)" }
        return (node.name, lines)
    }
}
