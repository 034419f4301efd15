import ShipshapeCore
/// Where a service's tasks could go: the reasoning behind refusing the
/// `node.role!=manager` fix when no worker could take the tasks. Pure, shared by
/// SWARM-MANAGER-FREE (which then offers no fix), the planner and the demo scheduler.
public enum SwarmPlacement {
    /// Nodes the scheduler could place a task of `service` on, with `extra`
    /// constraints added: ready, active, and matching every constraint.
    public static func eligibleNodes(for service: SwarmService, in state: SwarmState, adding extra: [String] = []) -> [SwarmNode] {
        let constraints = (service.constraints + extra).compactMap(SwarmConstraint.init)
        return state.nodes.filter { node in
            node.takesTasks && constraints.allSatisfy { $0.matches(node) ?? true }
        }
    }

    /// Workers that could take the service's tasks once managers are excluded.
    public static func workersForTasks(of service: SwarmService, in state: SwarmState) -> [SwarmNode] {
        eligibleNodes(for: service, in: state, adding: [SwarmConstraint.notOnManagers]).filter { $0.role == .worker }
    }

    /// Why adding `node.role!=manager` to the service must be refused, or nil when at
    /// least one active Ready worker satisfies its constraints.
    public static func refusalToLeaveManagers(_ service: SwarmService, in state: SwarmState) -> String? {
        guard workersForTasks(of: service, in: state).isEmpty else { return nil }
        let workers = state.workers
        let base = "no active Ready worker could take the tasks of \(service.name)"
        if workers.isEmpty {
            return "\(base): the swarm has no worker node — join one first (docker swarm join)"
        }
        let usable = workers.filter(\.takesTasks)
        if usable.isEmpty {
            let states = workers.map { "\(state.label(for: $0)) \($0.state)/\($0.availability)" }.joined(separator: ", ")
            return "\(base): every worker is down, paused or drained (\(states)) — activate one first"
        }
        let constraints = service.constraints.joined(separator: ", ")
        return "\(base): no active Ready worker meets its other constraints (\(constraints))"
    }
}
