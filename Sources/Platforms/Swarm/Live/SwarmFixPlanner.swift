import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes
/// Turns Swarm fix intents into docker plans pinned to one daemon. Each plan checks
/// the live state it assumes (`docker … inspect --format` with an exact expected
/// value) before it runs and reads the new value back after. Docker has no server
/// dry run; the dry-run step instead shows, read live, what the change will touch.
public struct SwarmFixPlanner: Sendable {
    public var target: DockerTarget
    /// The swarm as last read; constraint fixes need it to know who takes the tasks.
    public var state: SwarmState?
    /// The console's records, for the maintenance flow (which drain an activate closes).
    public var records: ConsoleRecords?
    /// The cluster's name, as the records file files it.
    public var cluster: String
    public var operatorName: String

    public init(target: DockerTarget, state: SwarmState?, records: ConsoleRecords? = nil, cluster: String = "", operatorName: String = "") {
        self.target = target
        self.state = state
        self.records = records
        self.cluster = cluster
        self.operatorName = operatorName
    }

    public func planConstraint(service: String, constraint: String, adding: Bool, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        if adding {
            return constraintAdd(.addPlacementConstraint(service: service, constraint: constraint), service: service, constraint: constraint,
                                 ruleID: ruleID, subject: subject)
        }
        return .success(constraintRemove(.removePlacementConstraint(service: service, constraint: constraint), service: service,
                                         constraint: constraint, ruleID: ruleID, subject: subject))
    }

    func constraintAdd(_ intent: FixIntent, service name: String, constraint: String, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        var preconditions = [presence(name, constraint, expected: nil)]
        var changes: [FixPlan.Change] = []
        var risk = FixPlan.Risk.low
        if let state, let service = state.service(named: name) {
            changes.append(.init(what: "\(name) placement constraints", from: list(service.constraints),
                                 to: list(service.constraints + [constraint])))
            if SwarmConstraint.excludesManagers(constraint) {
                if let pin = service.constraints.first(where: SwarmManagerFreeRule.requiresManager) {
                    return .failure(FixRefusal("\(name) asks for managers itself (\(pin)): adding \(constraint) would leave it nowhere to run"))
                }
                if let reason = SwarmPlacement.refusalToLeaveManagers(service, in: state) { return .failure(FixRefusal(reason)) }
                let workers = SwarmPlacement.workersForTasks(of: service, in: state)
                let onManagers = state.tasks(of: name).filter { task in task.nodeID.flatMap(state.node(id:))?.role == .manager }
                changes.append(.init(what: "\(name) tasks on managers", from: "\(onManagers.count) (\(names(onManagers)))",
                                     to: "rescheduled onto \(workers.map(state.label(for:)).joined(separator: ", "))"))
                // The worker the preview names must still be able to take them when the fix runs.
                preconditions.append(StateCheck(
                    description: "\(state.label(for: workers[0])) is an active Ready worker",
                    command: target.docker(["node", "inspect", workers[0].id, "--format", SwarmTemplates.eligibility]),
                    jsonPath: [], expected: "worker active ready"))
            }
            if !service.mounts.filter({ $0.type == "bind" || $0.type == "volume" }).isEmpty {
                risk = .high
                changes.append(.init(what: "\(name) data", from: "bind mounts/volumes on the current node",
                                     to: "NOT moved: tasks start on the new node without that data"))
            }
        } else if SwarmConstraint.excludesManagers(constraint) {
            return .failure(FixRefusal("service \(name) is not in the last read of the swarm; refresh, then try again"))
        } else {
            changes.append(.init(what: "\(name) placement constraints", from: "(without \(constraint))", to: "+ \(constraint)"))
        }
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: "Add constraint \(constraint) to \(name)", risk: risk, intent: intent,
            changes: changes,
            commands: [target.docker(["service", "update", "--detach", "--constraint-add", constraint, name])],
            dryRunCommands: SwarmConstraint.excludesManagers(constraint)
                ? [target.docker(["node", "ls", "--filter", "role=worker", "--format", SwarmTemplates.workerLine])] : [],
            preconditions: preconditions,
            postconditions: [presence(name, constraint, expected: "present")]
        ))
    }

    func constraintRemove(_ intent: FixIntent, service name: String, constraint: String, ruleID: String, subject: String) -> FixPlan {
        let current = state?.service(named: name)?.constraints
        return FixPlan(
            ruleID: ruleID, subject: subject, title: "Remove constraint \(constraint) from \(name)", risk: .low, intent: intent,
            changes: [.init(what: "\(name) placement constraints", from: current.map(list) ?? "(with \(constraint))",
                            to: current.map { list($0.filter { $0 != constraint }) } ?? "- \(constraint)")],
            commands: [target.docker(["service", "update", "--detach", "--constraint-rm", constraint, name])],
            dryRunCommands: [],
            preconditions: [presence(name, constraint, expected: "present")],
            postconditions: [presence(name, constraint, expected: nil)]
        )
    }

    func presence(_ service: String, _ constraint: String, expected: String?) -> StateCheck {
        StateCheck(
            description: expected == nil ? "\(service) does not have \(constraint)" : "\(service) has \(constraint)",
            command: target.docker(["service", "inspect", service, "--format", SwarmTemplates.constraintPresence(constraint)]),
            jsonPath: [], expected: expected)
    }

    func list(_ constraints: [String]) -> String {
        constraints.isEmpty ? "(none)" : constraints.joined(separator: ", ")
    }

    func names(_ tasks: [SwarmTask]) -> String {
        let shown = tasks.prefix(4).map(\.name).joined(separator: ", ")
        return tasks.count > 4 ? shown + ", …" : (shown.isEmpty ? "-" : shown)
    }
}
