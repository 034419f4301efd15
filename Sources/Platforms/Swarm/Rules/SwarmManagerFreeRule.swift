import ShipshapeCore
/// SWARM-MANAGER-FREE: no service task runs on a manager. The fix adds `node.role!=manager`;
/// it is not offered — and the finding says why — when no active Ready worker could take the
/// tasks, or when the service is pinned to managers by its own constraint (MedStack pins its
/// load balancer there). Exemptions are never silent: global services are exempt by the
/// policy's reason and say so in a finding; anything else is accepted only by a policy
/// suppression, which carries its reason into every report.
public struct SwarmManagerFreeRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-MANAGER-FREE", title: "Managers run no service tasks", severity: .error, platforms: [.swarm],
        seed: SwarmSeed.section("Go to Production"),
        rationale: "Leave the manager as free of tasks as possible: an overworked manager slows Docker's orchestration and MedStack Control, and its web services can become unavailable. Keep tasks off it with the placement constraint node.role != manager."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "services") { swarm in
            let managers = Set(swarm.managers.map(\.id))
            var findings: [Finding] = []
            for service in swarm.services {
                let onManagers = swarm.tasks(of: service.name).filter { $0.nodeID.map(managers.contains) ?? false }
                guard !onManagers.isEmpty else { continue }
                let hosts = Set(onManagers.compactMap { $0.nodeID.flatMap(swarm.node(id:)).map(swarm.label(for:)) }).sorted()
                let tasks = onManagers.prefix(4).map(\.name).joined(separator: ", ") + (onManagers.count > 4 ? ", …" : "")
                var message = "\(onManagers.count) task(s) run on manager \(hosts.joined(separator: ", ")) (\(tasks))"
                if service.desiredReplicas == nil, let reason = policy.swarmGlobalServiceExemption {
                    findings.append(finding(.pass, subject: service.name, "exempt by policy — \(reason): \(message)"))
                } else if let pin = service.constraints.first(where: Self.requiresManager) {
                    message += "; it is pinned there by its own constraint \(pin), so no fix is offered. If it is the platform's load balancer (MedStack pins it to the manager), accept it with a policy suppression of SWARM-MANAGER-FREE for \(service.name) that names the reason"
                    findings.append(finding(.fail, subject: service.name, message))
                } else if let refusal = SwarmPlacement.refusalToLeaveManagers(service, in: swarm) {
                    message += "; automatic fix refused: \(refusal)"
                    findings.append(finding(.fail, subject: service.name, message))
                } else {
                    message += "; add the constraint \(SwarmConstraint.notOnManagers)"
                    findings.append(finding(.fail, subject: service.name, message,
                                            fix: .addPlacementConstraint(service: service.name, constraint: SwarmConstraint.notOnManagers)))
                }
            }
            if findings.isEmpty {
                return [finding(.pass, subject: "services", "no service task runs on a manager (\(swarm.services.count) service(s))")]
            }
            return findings
        }
    }

    /// `node.role==manager` (or `!=worker`): the service asks for managers itself.
    public static func requiresManager(_ text: String) -> Bool {
        guard let constraint = SwarmConstraint(text), constraint.key.lowercased() == "node.role" else { return false }
        let value = constraint.value.lowercased()
        return (constraint.equals && value == "manager") || (!constraint.equals && value == "worker")
    }
}
