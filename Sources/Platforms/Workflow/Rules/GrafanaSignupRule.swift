import ShipshapeCore
import KubernetesRules
import EtcdRules
/// WF-GRAFANA-SIGNUP: the chart leaves Grafana sign-ups on by default.
public struct GrafanaSignupRule: Rule {
    public let info = RuleInfo(
        id: "WF-GRAFANA-SIGNUP", title: "Grafana sign-ups are disabled", severity: .warning, platforms: [.workflow],
        seed: "002 production-deployments.md — Disable Grafana Signups",
        rationale: "deis-monitor-grafana allows sign-up unless ALLOW_SIGN_UP=false (chart default \"true\"); strangers could read cluster metrics."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "\(WorkflowNames.namespace)/\(WorkflowNames.grafana)"
        let k = state.kubernetes
        if let error = k.deployments.error { return [unreadable(error, subject: subject)] }
        guard k.deployments.value != nil else { return [] }
        guard let grafana = k.deployment(WorkflowNames.grafana) else {
            return [finding(.notApplicable, subject: subject, "Grafana is not on the cluster")]
        }
        let variable = grafana.env("ALLOW_SIGN_UP", container: WorkflowNames.grafana) ?? grafana.env("ALLOW_SIGN_UP")
        let value = variable?.value ?? "true"   // the image renders a missing value as "true"
        if value.lowercased() == "false" {
            return [finding(.pass, subject: subject, "ALLOW_SIGN_UP=false")]
        }
        let container = grafana.containers.first { $0.name == WorkflowNames.grafana }?.name ?? grafana.containers.first?.name ?? WorkflowNames.grafana
        return [finding(.fail, subject: subject, "ALLOW_SIGN_UP=\(Sanitizer.line(value, maxLength: 20)): anyone can create a Grafana account",
                        fix: .setSetting(Setting(scope: "\(grafana.namespace)/\(grafana.name)", key: "ALLOW_SIGN_UP", container: container), from: variable?.value, to: "false"))]
    }
}
