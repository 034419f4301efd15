import Foundation
import ShipshapeCore

/// SWARM-REBOOT: every node rebooted or drained for maintenance within the policy's
/// days (default 7). Until the console keeps maintenance records, the node object's
/// last change stands in: a reboot (down → ready), a drain and an activate all move
/// it. A node drained right now is in maintenance. The fix drains the node.
public struct SwarmRebootRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-REBOOT", title: "Nodes get their weekly reboot", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Planned reboots for system resiliency"),
        rationale: "Reboot nodes once a week and take maintenance when offered: the longer a node runs, the more risk builds up. Drain it, reboot, activate it again."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "nodes") { swarm in
            let window = policy.swarmMaintenanceMaxAgeDays
            return swarm.nodes.map { node in
                let subject = swarm.label(for: node)
                if node.availability == "drain" {
                    return finding(.pass, subject: subject, "drained for maintenance now; activate it when the reboot is done")
                }
                guard let changed = node.updatedAt else {
                    return finding(.manual, subject: subject, "docker reports no change time for the node; check its last reboot by hand")
                }
                let age = state.readAt.timeIntervalSince(changed)
                if age <= Double(window) * 86_400 {
                    return finding(.pass, subject: subject, "node state last changed \(SwarmFormat.days(age)) day(s) ago (a reboot or a drain moves it)")
                }
                return finding(.fail, subject: subject,
                               "no reboot or drain seen for \(SwarmFormat.days(age)) day(s) (node state unchanged; want every \(window)); drain it, reboot, activate",
                               fix: .setNodeAvailability(node: node.id, from: node.availability, to: "drain"))
            }
        }
    }
}
