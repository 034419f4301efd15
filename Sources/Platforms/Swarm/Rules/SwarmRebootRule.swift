import Foundation
import ShipshapeCore

/// SWARM-REBOOT: every node was rebooted within the policy's days (default 7). The evidence is
/// the console's maintenance flow, recorded: the node drained, seen leaving the swarm and
/// coming back Ready, then activated by an operator who confirms the reboot. Docker exposes no
/// boot time (`docker node inspect` and `docker info` carry none), and a node's `UpdatedAt`
/// moves on a drain or a label change too, so nothing else counts: a drain alone, a label
/// change or an agent reconnect outside the flow is not a reboot.
public struct SwarmRebootRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-REBOOT", title: "Nodes get their weekly reboot", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Planned reboots for system resiliency"),
        rationale: "Reboot nodes once a week and take maintenance when offered: the longer a node runs, the more risk builds up. The Nodes pane runs the flow: f drains the node, you reboot it, and once it is Ready again f activates it and records the reboot."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "nodes") { swarm in
            swarm.nodes.map { node in
                let subject = swarm.label(for: node)
                if let error = state.records.error { return unreadable(error, subject: subject) }
                guard let records = state.records.value else {
                    return finding(.manual, subject: subject, "the console's records are not read here: check by hand that \(subject) was rebooted within \(policy.swarmMaintenanceMaxAgeDays) days")
                }
                return judge(node, subject: subject, SwarmMaintenance(node: node, records: records, target: state.target.name, events: swarm.nodeEvents),
                             swarm: swarm, now: state.readAt, policy: policy)
            }
        }
    }

    func judge(_ node: SwarmNode, subject: String, _ flow: SwarmMaintenance, swarm: SwarmState, now: Date, policy: Policy) -> Finding {
        let window = policy.swarmMaintenanceMaxAgeDays
        if let drain = flow.openDrain {
            let since = "drained for maintenance \(SwarmFormat.days(now.timeIntervalSince(drain.at))) day(s) ago"
            if node.availability != "drain" {
                return finding(.fail, subject: subject, "\(since) but made \(node.availability) outside the maintenance flow: no reboot recorded; drain it again from the Nodes pane to start over")
            }
            if let back = flow.returned, node.isReady {
                return finding(.fail, subject: subject, "\(since); it left the swarm and came back (\(back.text)): activate it to record the reboot",
                               fix: .setNodeAvailability(node: node.id, from: node.availability, to: "active"))
            }
            let missing = swarm.nodeEventsError.map { " (node events unreadable: \($0))" } ?? ""
            return finding(.fail, subject: subject, "\(since): reboot it now; shipshape has not seen it leave the swarm and come back yet\(missing)")
        }
        if let reboot = flow.lastReboot {
            let age = now.timeIntervalSince(reboot.at)
            let who = reboot.by.map { " by \($0)" } ?? ""
            if age <= Double(window) * 86_400 {
                return finding(.pass, subject: subject, "rebooted \(SwarmFormat.days(age)) day(s) ago through the maintenance flow\(who)\(reboot.evidence.map { ": \($0)" } ?? "")")
            }
            return finding(.fail, subject: subject, "last reboot recorded \(SwarmFormat.days(age)) day(s) ago (want every \(window)): Nodes pane f drains it, then reboot it and activate it")
        }
        return finding(.fail, subject: subject, "no reboot recorded (want every \(window) days): Nodes pane f drains it, then reboot it and f activates it once it is Ready again")
    }
}
