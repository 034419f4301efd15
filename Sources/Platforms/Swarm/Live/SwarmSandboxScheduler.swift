import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes
/// Stands in for the swarm scheduler after every change: tasks leave nodes that no
/// longer qualify, missing replicas go to the qualifying node with the fewest tasks
/// of that service, and with nowhere to go they wait Pending with swarmkit's reason.
enum SwarmSandboxScheduler {
    static func reconcile(_ world: inout SwarmSandboxWorld) {
        for service in world.services {
            let constraints = (service.constraints ?? []).compactMap(SwarmConstraint.init)
            let eligible = world.nodes.filter { node in
                let model = world.model(node)
                return model.takesTasks && constraints.allSatisfy { $0.matches(model) ?? true }
            }
            let eligibleIDs = Set(eligible.map(\.id))
            var mine = world.tasks.filter { $0.service == service.name && $0.node.map(eligibleIDs.contains) == true }
            world.tasks.removeAll { $0.service == service.name }
            if let replicas = service.replicas {
                let slots = (1...max(replicas, 1)).map { "\(service.name).\($0)" }.prefix(replicas)
                mine = mine.filter { slots.contains($0.slot) }
                for slot in slots where !mine.contains(where: { $0.slot == slot }) {
                    let target = eligible.min { load(of: $0.id, in: mine) < load(of: $1.id, in: mine) }
                    mine.append(newTask(&world, service: service.name, slot: slot, node: target?.id, reason: reason(world, constraints)))
                }
            } else {
                for node in eligible where !mine.contains(where: { $0.node == node.id }) {
                    mine.append(newTask(&world, service: service.name, slot: "\(service.name).\(node.id)", node: node.id, reason: ""))
                }
            }
            world.tasks += mine.sorted { $0.slot < $1.slot }
        }
    }

    static func load(of node: String, in tasks: [SwarmSandboxWorld.Task]) -> Int {
        tasks.filter { $0.node == node }.count
    }

    static func newTask(_ world: inout SwarmSandboxWorld, service: String, slot: String, node: String?, reason: String) -> SwarmSandboxWorld.Task {
        SwarmSandboxWorld.Task(id: world.nextTaskID(), service: service, slot: slot, node: node,
                               state: node == nil ? "pending" : "running", error: node == nil ? reason : nil)
    }

    /// swarmkit's wording (manager/scheduler/filter.go), joined as `service ps` shows it.
    static func reason(_ world: SwarmSandboxWorld, _ constraints: [SwarmConstraint]) -> String {
        let unavailable = world.nodes.filter { !world.model($0).takesTasks }.count
        let unsatisfied = world.nodes.filter { node in
            let model = world.model(node)
            return model.takesTasks && !constraints.allSatisfy { $0.matches(model) ?? true }
        }.count
        var parts: [String] = []
        if unavailable > 0 { parts.append("\(unavailable) node\(unavailable == 1 ? "" : "s") not available for new tasks") }
        if unsatisfied > 0 { parts.append("scheduling constraints not satisfied on \(unsatisfied) node\(unsatisfied == 1 ? "" : "s")") }
        return "no suitable node (\(parts.joined(separator: "; ")))"
    }
}
