import ShipshapeCore
import PaneKit
import SwarmRules

/// Where ingress lands on a swarm: each published port, its service, and the nodes
/// that answer on it. Ingress-mode ports are served by the routing mesh on every
/// Ready node; host-mode ports only where a task runs. MedStack pins its load
/// balancer to the manager, so the summary names the address DNS should point at.
public enum SwarmIngressPane {
    public struct Entry: Sendable {
        public var service: SwarmService
        public var port: SwarmService.PublishedPort
        public var nodes: [SwarmNode]
    }

    public static func source(swarm: Loaded<SwarmState>?) -> ListSource<Entry> {
        let state = swarm?.value
        let columns: [ListColumn<Entry>] = [
            ListColumn("PORT", .fit(max: 11), sort: { .number(Double($0.port.publishedPort ?? 0)) }) { Cell("\($0.port.publishedPort ?? 0)/\($0.port.proto)") },
            ListColumn("SERVICE", .slack(min: 12)) { Cell("\($0.service.name):\($0.port.targetPort)") },
            ListColumn("MODE", .fit(max: 7)) { Cell($0.port.mode, .dim) },
            ListColumn("SERVED BY", .fit(max: 40)) { served($0, state: state) },
        ]
        return ListSource(title: "Ingress", columns: columns, section: swarm, rows: entries, empty: "no service publishes a port",
                          notProbed: "the swarm is not probed on this platform", summary: { state in
            let managers = state.managers.sorted { ($0.isLeader ? 0 : 1, $0.hostname) < ($1.isLeader ? 0 : 1, $1.hostname) }
            guard let first = managers.first else { return [Cell("no manager in the swarm", .error)] }
            return [Cell("DNS A record → manager \(state.label(for: first)) \(first.address)", .info)]
        }, details: { entry in details(entry, state: state) })
    }

    static func entries(_ state: SwarmState) -> [Entry] {
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

    static func served(_ entry: Entry, state: SwarmState?) -> Cell {
        if entry.nodes.isEmpty { return Cell("no node", .error) }
        if entry.port.mode != "host", entry.nodes.count == state?.nodes.count { return Cell("all \(entry.nodes.count) node(s)", .ok) }
        return Cell(entry.nodes.map { state?.label(for: $0) ?? $0.hostname }.joined(separator: ", "), .ok)
    }

    static func details(_ entry: Entry, state: SwarmState?) -> (title: String, lines: [String]) {
        var lines = [
            "Published:  \(entry.port.publishedPort ?? 0)/\(entry.port.proto)",
            "Service:    \(entry.service.name) (container port \(entry.port.targetPort))",
            "Mode:       \(entry.port.mode == "host" ? "host — only nodes running a task answer" : "ingress — the routing mesh answers on every Ready node")",
            "", "Served by:",
        ]
        lines += entry.nodes.isEmpty ? ["  (no node)"] : entry.nodes.map { "  \(state?.label(for: $0) ?? $0.hostname)  \($0.address)  \($0.role.rawValue)" }
        return ("\(entry.port.publishedPort ?? 0)/\(entry.port.proto)", lines)
    }
}
