import Foundation
import ShipshapeCore
import PaneKit
import SwarmRules

/// Swarm nodes: role (managers highlighted, leader first), availability, state,
/// how many tasks each runs, size and engine. Tasks on a manager stand out, since
/// SWARM-MANAGER-FREE wants none there.
struct SwarmNodesPaneSource: PaneSource {
    let swarm: Loaded<SwarmState>?
    var now = Date()
    /// Managers first (the leader on top), then workers, each by name — sorted once per
    /// state, not once per drawn row.
    let list: [SwarmNode]

    init(swarm: Loaded<SwarmState>?, now: Date = Date()) {
        self.swarm = swarm
        self.now = now
        self.list = (swarm?.value?.nodes ?? []).sorted { a, b in
            let rank = { (n: SwarmNode) in n.isLeader ? 0 : (n.role == .manager ? 1 : 2) }
            return (rank(a), a.hostname, a.id) < (rank(b), b.hostname, b.id)
        }
    }

    var title: String { "Nodes" }
    var columns: [Column] {
        [Column("NAME"), Column("ROLE", width: 7), Column("AVAIL", width: 6), Column("STATUS", width: 7),
         Column("TASKS", width: 5), Column("CPU", width: 4), Column("MEM", width: 7), Column("ENGINE", width: 9)]
    }

    var state: SwarmState? { swarm?.value }


    var rowCount: Int { list.count }
    var errorText: String? { swarm?.error?.message }
    var emptyText: String {
        switch swarm {
        case nil: return "loading…"
        case .notProbed?: return "the swarm is not probed on this platform"
        default: return "no nodes"
        }
    }

    var summary: [Cell]? {
        guard let state else { return nil }
        let onManagers = state.managers.reduce(0) { $0 + running(on: $1, in: state) }
        let unhealthy = state.nodes.filter { !$0.takesTasks }.count
        var text = "\(state.nodes.count) node(s) · \(state.managers.count) manager(s) · \(state.workers.count) worker(s)"
        if onManagers > 0 { text += " · \(onManagers) task(s) on managers" }
        if unhealthy > 0 { text += " · \(unhealthy) not taking tasks" }
        return [Cell(text, onManagers > 0 || unhealthy > 0 ? .warning : .ok)]
    }

    /// What `f` does on a node row: drain an active node for maintenance, make a drained or
    /// paused one active again. Planned, dry-run and confirmed like any fix, and undoable.
    func availabilityIntent(at index: Int) -> FixIntent? {
        let nodes = list
        guard nodes.indices.contains(index) else { return nil }
        let node = nodes[index]
        return .setNodeAvailability(node: node.id, from: node.availability, to: node.availability == "active" ? "drain" : "active")
    }

    /// The audit log files the operator's own drain/activate under this name (not a rule).
    static let nodeActionID = "SWARM-NODE-AVAILABILITY"

    var actions: [RowAction] {
        let source = self
        return [RowAction(slot: .fix, help: "drain the node for maintenance, or make a drained/paused node active again", mutating: true) { index in
            guard let intent = source.availabilityIntent(at: index) else { return .unavailable("no node selected") }
            return .intent(intent, ruleID: Self.nodeActionID, subject: source.list[index].hostname)
        }]
    }

    func running(on node: SwarmNode, in state: SwarmState) -> Int {
        state.tasks(onNode: node.id).count
    }

    func row(at index: Int) -> [Cell] {
        let node = list[index]
        let manager = node.role == .manager
        let tasks = state.map { running(on: node, in: $0) } ?? 0
        let role = node.isLeader ? "leader" : node.role.rawValue
        return [
            Cell(state?.label(for: node) ?? node.hostname, manager ? .info : .normal),
            Cell(role, manager ? .info : .dim),
            Cell(node.availability, node.isActive ? .ok : .warning),
            Cell(node.state, node.isReady ? .ok : .error),
            Cell(String(tasks), manager && tasks > 0 ? .warning : .normal),
            Cell(Formatting.cpu(node.nanoCPUs.map { Int($0 / 1_000_000) })),
            Cell(Formatting.bytes(node.memoryBytes)),
            Cell(node.engineVersion, .dim),
        ]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard let state, list.indices.contains(index) else { return nil }
        let node = list[index]
        var lines = [
            "Name:          \(state.label(for: node))",
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
        let tasks = state.tasks(onNode: node.id)
        lines += ["", "Tasks (\(tasks.count)):"] + (tasks.isEmpty ? ["  (none)"] : tasks.map { "  \($0.name)  \($0.state)" })
        return (state.label(for: node), lines)
    }
}
