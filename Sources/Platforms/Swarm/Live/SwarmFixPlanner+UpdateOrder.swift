import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules

/// `docker service update --update-order start-first SERVICE`. Docker has no dry run: the step
/// before the confirmation reads the service's update settings live; the precondition holds
/// the order the preview showed, the postcondition reads the new one back. Changing the order
/// rolls no task: it applies to the next update.
extension SwarmFixPlanner {
    public func planUpdateOrder(service name: String, from: String, to: String, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        guard ["start-first", "stop-first"].contains(to) else {
            return .failure(FixRefusal("\(to) is not an update order (start-first or stop-first)"))
        }
        var changes = [FixPlan.Change(what: "\(name) update order", from: from, to: to)]
        if to == "start-first", let service = state?.service(named: name), !service.hostModePorts.isEmpty {
            let ports = service.hostModePorts.compactMap(\.publishedPort).map(String.init).joined(separator: ", ")
            changes.append(.init(what: "\(name) host-mode port \(ports)", from: "held by the old task on its node",
                                 to: "the new task must start on another node that has it free (else the update waits)"))
        }
        changes.append(.init(what: "\(name) tasks", from: "running", to: "untouched now: the order applies from the next update"))
        let check = { (order: String) in
            StateCheck(description: "\(name) updates \(order)",
                       command: target.docker(["service", "inspect", name, "--format", SwarmTemplates.updateOrder]),
                       jsonPath: [], expected: order)
        }
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: "Update \(name) \(to)", risk: .low,
            intent: .setUpdateOrder(service: name, from: from, to: to), changes: changes,
            commands: [target.docker(["service", "update", "--detach", "--update-order", to, name])],
            dryRunCommands: [target.docker(["service", "inspect", name, "--format", SwarmTemplates.updateConfig])],
            preconditions: [check(from)], postconditions: [check(to)]))
    }
}
