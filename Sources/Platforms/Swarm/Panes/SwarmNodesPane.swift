import Foundation
import ShipshapeCore
import PaneKit
import SwarmRules

/// Swarm nodes: role (managers highlighted, leader first), availability, state,
/// how many tasks each runs, size and engine. Tasks on a manager stand out, since
/// SWARM-MANAGER-FREE wants none there.
public enum SwarmNodesPane {
    /// The audit log files the operator's own drain/activate under this name (not a rule).
    public static let nodeActionID = "SWARM-NODE-AVAILABILITY"

    /// What the rows need from the whole state, counted once per state (the tasks on each
    /// node, the label that tells twin hostnames apart), never once per drawn row.
    struct Index: Sendable {
        var tasks: [String: Int] = [:]
        var labels: [String: String] = [:]

        init(_ state: SwarmState?) {
            guard let state else { return }
            for task in state.tasks { if let node = task.nodeID { tasks[node, default: 0] += 1 } }
            let hostnames = Dictionary(grouping: state.nodes, by: \.hostname)
            for node in state.nodes {
                labels[node.id] = (hostnames[node.hostname]?.count ?? 0) > 1 ? "\(node.hostname) (\(node.id.prefix(12)))" : node.hostname
            }
        }

        func label(_ node: SwarmNode) -> String { labels[node.id] ?? node.hostname }
        func tasks(_ node: SwarmNode) -> Int { tasks[node.id] ?? 0 }
    }

    public static func source(swarm: Loaded<SwarmState>?, now: Date = Date()) -> ListSource<SwarmNode> {
        let state = swarm?.value
        let index = Index(state)
        let columns: [ListColumn<SwarmNode>] = [
            ListColumn("NAME", .slack(min: 12)) { Cell(index.label($0), $0.role == .manager ? .info : .normal) },
            ListColumn("ROLE", .fit(max: 7), sort: { .number(Double(rank($0))) }) { node in
                Cell(node.isLeader ? "leader" : node.role.rawValue, node.role == .manager ? .info : .dim)
            },
            ListColumn("AVAIL", .fit(max: 6)) { Cell($0.availability, $0.isActive ? .ok : .warning) },
            ListColumn("STATUS", .fit(max: 8)) { Cell($0.state, $0.isReady ? .ok : .error) },
            ListColumn("TASKS", .fit(max: 5), sort: { .number(Double(index.tasks($0))) }) { node in
                let tasks = index.tasks(node)
                return Cell(String(tasks), node.role == .manager && tasks > 0 ? .warning : .normal)
            },
            ListColumn("CPU", .fit(max: 5), sort: { .number(Double($0.nanoCPUs ?? -1)) }) { Cell(Formatting.cpu($0.nanoCPUs.map { Int($0 / 1_000_000) })) },
            ListColumn("MEM", .fit(max: 8), sort: { .number(Double($0.memoryBytes ?? -1)) }) { Cell(Formatting.bytes($0.memoryBytes)) },
            ListColumn("ENGINE", .fit(max: 10)) { Cell($0.engineVersion, .dim) },
        ]
        // Managers first (the leader on top), then workers, each by name.
        let nodes = (state?.nodes ?? []).sorted { a, b in (rank(a), a.hostname, a.id) < (rank(b), b.hostname, b.id) }
        let action = ListAction<SwarmNode>(slot: .fix, label: "drain/activate",
                                           help: "drain the node for maintenance, or make a drained/paused node active again", mutating: true) { node in
            .intent(availabilityIntent(node), ruleID: nodeActionID, subject: node.hostname)
        }
        return ListSource(title: "Nodes", columns: columns, section: swarm, rows: { _ in nodes }, empty: "no nodes",
                          notProbed: "the swarm is not probed on this platform", summary: { state in
            let onManagers = state.managers.reduce(0) { $0 + index.tasks($1) }
            let unhealthy = state.nodes.filter { !$0.takesTasks }.count
            var text = "\(state.nodes.count) node(s) · \(state.managers.count) manager(s) · \(state.workers.count) worker(s)"
            if onManagers > 0 { text += " · \(onManagers) task(s) on managers" }
            if unhealthy > 0 { text += " · \(unhealthy) not taking tasks" }
            return [Cell(text, onManagers > 0 || unhealthy > 0 ? .warning : .ok)]
        }, details: { node in details(node, state: state, index: index, now: now) }, actions: [action])
    }

    static func rank(_ node: SwarmNode) -> Int { node.isLeader ? 0 : (node.role == .manager ? 1 : 2) }

    /// What `f` does on a node row: drain an active node for maintenance, make a drained or
    /// paused one active again. Planned, dry-run and confirmed like any fix, and undoable.
    public static func availabilityIntent(_ node: SwarmNode) -> FixIntent {
        .setNodeAvailability(node: node.id, from: node.availability, to: node.availability == "active" ? "drain" : "active")
    }

    static func details(_ node: SwarmNode, state: SwarmState?, index: Index, now: Date) -> (title: String, lines: [String]) {
        let label = index.label(node)
        var lines = [
            "Name:          \(label)",
            "ID:            \(node.id)",
            "Role:          \(node.role.rawValue)\(node.isLeader ? " (leader)" : "")\(node.reachability.map { ", \($0)" } ?? "")",
            "Availability:  \(node.availability)",
            "State:         \(node.state)",
            "Address:       \(node.address)",
            "CPU:           \(Formatting.cpu(node.nanoCPUs.map { Int($0 / 1_000_000) }))    Memory: \(Formatting.bytes(node.memoryBytes))",
            "Engine:        \(node.engineVersion)  \(node.os)/\(node.architecture)",
            "Last changed:  \(Formatting.ago(node.updatedAt, now: now)) (reboots, drains and activates move it)",
            "", "Labels:",
        ]
        lines += node.labels.isEmpty ? ["  (none)"] : node.labels.sorted { $0.key < $1.key }.map { "  \($0.key)=\($0.value)" }
        let tasks = state?.tasks(onNode: node.id) ?? []
        lines += ["", "Tasks (\(tasks.count)):"] + (tasks.isEmpty ? ["  (none)"] : tasks.map { "  \($0.name)  \($0.state)" })
        return (label, lines)
    }
}
