import ShipshapeCore
import KubernetesRules
import EtcdRules
/// WF-REGISTRATION: open registration lets anyone who reaches the controller
/// create an account and deploy code.
public struct RegistrationRule: Rule {
    public let info = RuleInfo(
        id: "WF-REGISTRATION", title: "Registration is admin-only", severity: .critical, platforms: [.workflow],
        seed: "002 production-deployments.md — Registration is Admin-Only",
        rationale: "With REGISTRATION_MODE=enabled anyone who can reach the controller can sign up and push apps. Set admin_only (or disabled)."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "\(WorkflowNames.namespace)/\(WorkflowNames.controller)"
        let k = state.kubernetes
        if let error = k.deployments.error { return [unreadable(error, subject: subject)] }
        guard k.deployments.value != nil else { return [] }
        guard let controller = k.deployment(WorkflowNames.controller) else {
            return [finding(.notApplicable, subject: subject, "no deis-controller deployment")]
        }
        let variable = controller.env("REGISTRATION_MODE", container: WorkflowNames.controller) ?? controller.env("REGISTRATION_MODE")
        if variable?.fromReference == true {
            return [finding(.manual, subject: subject, "REGISTRATION_MODE comes from a reference; check its source")]
        }
        // The controller defaults to `enabled` when the variable is missing.
        let mode = variable?.value ?? "enabled"
        let container = controller.containers.first { $0.name == WorkflowNames.controller }?.name ?? controller.containers.first?.name ?? WorkflowNames.controller
        switch mode {
        case "admin_only":
            return [finding(.pass, subject: subject, "REGISTRATION_MODE=admin_only",
                            fix: .setSetting(Setting(scope: "\(controller.namespace)/\(controller.name)", key: "REGISTRATION_MODE", container: container), from: "admin_only", to: "disabled"))]
        case "disabled":
            return [finding(.pass, subject: subject, "REGISTRATION_MODE=disabled",
                            fix: .setSetting(Setting(scope: "\(controller.namespace)/\(controller.name)", key: "REGISTRATION_MODE", container: container), from: "disabled", to: "admin_only"))]
        default:
            return [finding(.fail, subject: subject, "REGISTRATION_MODE=\(Sanitizer.line(mode, maxLength: 40)): anyone can register",
                            fix: .setSetting(Setting(scope: "\(controller.namespace)/\(controller.name)", key: "REGISTRATION_MODE", container: container), from: variable?.value, to: "admin_only"))]
        }
    }
}
