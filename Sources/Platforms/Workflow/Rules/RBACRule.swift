import ShipshapeCore
import KubernetesRules
import EtcdRules
/// WF-RBAC: on an RBAC cluster, Workflow must be installed with its roles.
public struct RBACRule: Rule {
    public let info = RuleInfo(
        id: "WF-RBAC", title: "Workflow runs with RBAC roles", severity: .warning, platforms: [.workflow],
        seed: "002 production-deployments.md — Running Workflow with RBAC",
        rationale: "When the cluster serves rbac.authorization.k8s.io, Workflow's service accounts need their roles (helm value global.use_rbac=true) or components fail in odd ways."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "rbac.authorization.k8s.io"
        let k = state.kubernetes
        if let error = k.apiGroups.error { return [unreadable(error, subject: subject)] }
        guard let groups = k.apiGroups.value else { return [] }
        guard groups.contains("rbac.authorization.k8s.io") else {
            return [finding(.notApplicable, subject: subject, "RBAC is not served by this cluster")]
        }
        if let error = k.clusterRoles.error { return [unreadable(error, subject: subject)] }
        let roles = k.clusterRoles.value ?? []
        if roles.contains(where: { $0.hasPrefix("deis:") }) {
            return [finding(.pass, subject: subject, "Workflow cluster roles present (deis:*)")]
        }
        return [finding(.fail, subject: subject, "RBAC is served but no deis:* cluster roles exist; reinstall with global.use_rbac=true")]
    }
}
