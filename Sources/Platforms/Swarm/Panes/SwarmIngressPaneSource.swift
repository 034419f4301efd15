import ShipshapeCore
import PaneKit
import SwarmRules

/// Where ingress lands on a swarm: each published port, its service, and the nodes
/// that answer on it. Ingress-mode ports are served by the routing mesh on every
/// Ready node; host-mode ports only where a task runs. MedStack pins its load
/// balancer to the manager, so the summary names the address DNS should point at.
struct SwarmIngressPaneSource: PaneSource {
    struct Entry {
        var service: SwarmService
        var port: SwarmService.PublishedPort
        var nodes: [SwarmNode]
    }

    let swarm: Loaded<SwarmState>?

    var title: String { "Ingress" }
    var columns: [Column] {
        [Column("PORT", width: 9), Column("SERVICE"), Column("MODE", width: 7), Column("SERVED BY", width: 24)]
    }

    var state: SwarmState? { swarm?.value }

    var entries: [Entry] {
        guard let state else { return [] }
        var entries: [Entry] = []
        for service in state.services.sorted(by: { $0.name < $1.name }) {
            for port in service.ports where port.publishedPort != nil {
                let nodes: [SwarmNode]
                if port.mode == "host" {
                    let ids = Set(state.tasks(of: service.name).filter(\.isRunning).compactMap(\.nodeID))
                    nodes = state.nodes.filter { ids.contains($0.id) }
                } else {
                    nodes = state.nodes.filter(\.isReady)
                }
                entries.append(Entry(service: service, port: port, nodes: nodes))
            }
        }
        return entries.sorted { ($0.port.publishedPort ?? 0, $0.service.name) < ($1.port.publishedPort ?? 0, $1.service.name) }
    }

    var rowCount: Int { entries.count }
    var errorText: String? { swarm?.error?.message }
    var emptyText: String {
        switch swarm {
        case nil: return "loading…"
        case .notProbed?: return "the swarm is not probed on this platform"
        default: return "no service publishes a port"
        }
    }

    var summary: [Cell]? {
        guard let state else { return nil }
        let managers = state.managers.sorted { ($0.isLeader ? 0 : 1, $0.hostname) < ($1.isLeader ? 0 : 1, $1.hostname) }
        guard let first = managers.first else { return [Cell("no manager in the swarm", .error)] }
        return [Cell("DNS A record → manager \(state.label(for: first)) \(first.address)", .info)]
    }

    func row(at index: Int) -> [Cell] {
        let entry = entries[index]
        let served: Cell
        if entry.nodes.isEmpty {
            served = Cell("no node", .error)
        } else if entry.port.mode != "host", entry.nodes.count == state?.nodes.count {
            served = Cell("all \(entry.nodes.count) node(s)", .ok)
        } else {
            served = Cell(entry.nodes.map { state?.label(for: $0) ?? $0.hostname }.joined(separator: ", "), .ok)
        }
        return [Cell("\(entry.port.publishedPort ?? 0)/\(entry.port.proto)"), Cell("\(entry.service.name):\(entry.port.targetPort)"),
                Cell(entry.port.mode, .dim), served]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard let state, entries.indices.contains(index) else { return nil }
        let entry = entries[index]
        var lines = [
            "Published:  \(entry.port.publishedPort ?? 0)/\(entry.port.proto)",
            "Service:    \(entry.service.name) (container port \(entry.port.targetPort))",
            "Mode:       \(entry.port.mode == "host" ? "host — only nodes running a task answer" : "ingress — the routing mesh answers on every Ready node")",
            "", "Served by:",
        ]
        lines += entry.nodes.isEmpty ? ["  (no node)"] : entry.nodes.map { "  \(state.label(for: $0))  \($0.address)  \($0.role.rawValue)" }
        return ("\(entry.port.publishedPort ?? 0)/\(entry.port.proto)", lines)
    }
}
