import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules

/// Drain and activate, as the maintenance flow uses them: a drain previews where each task
/// goes (checking its service's constraints) and opens the flow in the records; an activate
/// of a node in an open flow closes it — as a reboot when the node was seen leaving the swarm
/// and coming back, which the operator confirms by typing the cluster's name.
extension SwarmFixPlanner {
    public func planAvailability(node: String, from: String, to: String, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        guard ["active", "pause", "drain"].contains(to) else {
            return .failure(FixRefusal("\(to) is not a node availability (active, pause or drain)"))
        }
        let intent = FixIntent.setNodeAvailability(node: node, from: from, to: to)
        let found = state?.node(id: node) ?? state?.nodes.first { $0.hostname == node }
        let label = found.flatMap { n in state.map { $0.label(for: n) } } ?? node
        var changes = [FixPlan.Change(what: "node \(label) availability", from: from, to: to)]
        var preconditions = [StateCheck(description: "node \(label) is \(from)",
                                        command: target.docker(["node", "inspect", node, "--format", SwarmTemplates.availability]),
                                        jsonPath: [], expected: from)]
        var title: String
        var risk = FixPlan.Risk.low
        var local: LocalAction?
        switch to {
        case "drain":
            title = "Drain node \(label) for maintenance"
            risk = .high
            if let state, let found { changes += drainMoves(of: found, in: state) }
            if let found {
                changes.append(.init(what: "maintenance of \(label)", from: "-", to: "opened: reboot the node, then activate it here once it is Ready"))
                local = .appendRecord(.maintenance(node: found.id, action: MaintenanceRecord.Action.drain, drainedAt: nil, leftAt: nil,
                                                   backAt: nil, evidence: nil), by: operatorName)
            }
        case "active":
            title = "Activate node \(label)"
            if let found, let records, found.availability == "drain" {
                let flow = SwarmMaintenance(node: found, records: records, target: cluster, events: state?.nodeEvents ?? [])
                if let drain = flow.openDrain {
                    guard found.isReady else {
                        return .failure(FixRefusal("node \(label) is \(found.state): wait until it is Ready again, then activate it"))
                    }
                    let since = SwarmMaintenance.clock(drain.at)
                    if let back = flow.returned {
                        title = "Finish the maintenance of \(label): activate it and record its reboot"
                        risk = .high
                        changes.append(.init(what: "maintenance of \(label)", from: "drained \(since)",
                                             to: "rebooted — \(back.text); confirming records the reboot in your name"))
                        local = .appendRecord(.maintenance(node: found.id, action: MaintenanceRecord.Action.reboot, drainedAt: drain.at,
                                                           leftAt: back.leftAt, backAt: back.backAt, evidence: back.text), by: operatorName)
                        preconditions.append(StateCheck(description: "node \(label) is ready",
                                                        command: target.docker(["node", "inspect", node, "--format", SwarmTemplates.nodeState]),
                                                        jsonPath: [], expected: "ready"))
                    } else {
                        title = "Activate node \(label) (no reboot seen since the drain)"
                        changes.append(.init(what: "maintenance of \(label)", from: "drained \(since)",
                                             to: "closed without a reboot: shipshape did not see the node leave the swarm, so SWARM-REBOOT stays failing"))
                        local = .appendRecord(.maintenance(node: found.id, action: MaintenanceRecord.Action.activate, drainedAt: drain.at,
                                                           leftAt: nil, backAt: nil, evidence: "no departure seen since the drain"), by: operatorName)
                    }
                }
            }
        default:
            title = "Pause node \(label)"
        }
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: title, risk: risk, intent: intent, changes: changes,
            commands: [target.docker(["node", "update", "--availability", to, node])],
            dryRunCommands: to == "drain"
                ? [target.docker(["node", "ps", "--filter", "desired-state=running", "--format", SwarmTemplates.taskLine, node])] : [],
            preconditions: preconditions,
            postconditions: [StateCheck(description: "node \(label) is \(to)",
                                        command: target.docker(["node", "inspect", node, "--format", SwarmTemplates.availability]),
                                        jsonPath: [], expected: to)],
            local: local))
    }

    /// Where each task on `node` goes when it is drained: the other active Ready nodes that meet
    /// its service's constraints, or nowhere (it waits Pending), or — for a global service — it
    /// just stops, since a global service runs one task per eligible node.
    func drainMoves(of node: SwarmNode, in state: SwarmState) -> [FixPlan.Change] {
        let label = state.label(for: node)
        let tasks = state.tasks(onNode: node.id)
        guard !tasks.isEmpty else { return [.init(what: "tasks on \(label)", from: "none", to: "none to move")] }
        var rest = state
        rest.nodes = state.nodes.filter { $0.id != node.id }
        var moves: [FixPlan.Change] = tasks.prefix(Self.shownMoves).map { task in
            guard let service = state.service(named: task.serviceName) else {
                return .init(what: "task \(task.name)", from: "on \(label)", to: "stops (its service is not in the last read)")
            }
            if service.desiredReplicas == nil {
                return .init(what: "task \(task.name)", from: "on \(label)", to: "stops: a global service runs one task per node")
            }
            let places = SwarmPlacement.eligibleNodes(for: service, in: rest)
            let constraints = service.constraints.isEmpty ? "" : " (\(service.constraints.joined(separator: ", ")))"
            if places.isEmpty {
                return .init(what: "task \(task.name)", from: "on \(label)", to: "stays Pending: no other active Ready node meets its placement\(constraints)")
            }
            return .init(what: "task \(task.name)", from: "on \(label)", to: "moves to \(places.map(rest.label(for:)).joined(separator: " or "))\(constraints)")
        }
        if tasks.count > Self.shownMoves {
            moves.append(.init(what: "tasks on \(label)", from: "\(tasks.count - Self.shownMoves) more", to: "as above, by their own constraints"))
        }
        return moves
    }

    static let shownMoves = 8
}
