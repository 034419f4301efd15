import ShipshapeCore
import KubernetesRules
import EtcdRules
/// WF-SECURITY: the steps of Workflow's Security Considerations page, one manual finding each,
/// marked done one by one with `m` (recorded with who and when). None can be read from the
/// cluster: they are about who may deploy, which ports the nodes expose, and who reaches the
/// controller.
public struct SecurityRule: Rule {
    public let info = RuleInfo(
        id: "WF-SECURITY", title: "Workflow's security considerations are reviewed", severity: .warning, platforms: [.workflow],
        seed: "002 production-deployments.md — Review Security Considerations",
        rationale: "Workflow is not suitable for multi-tenant environments or untrusted code; on clouds without security groups only a few ports may be open; controller access and the registry's node port should be restricted."
    )

    public init() {}

    /// The checklist: subject, what to confirm.
    public static let steps: [(subject: String, check: String)] = [
        ("security: untrusted code", "Workflow is not suitable for multi-tenant environments or hosting untrusted code: confirm that everyone who deploys here is trusted"),
        ("security: app segregation", "applications that must not affect each other are scheduled apart (deis tags set, matching node labels)"),
        ("security: worker ports", "on a cloud without security groups, worker nodes expose only 22 (optional), 80, 443, 2222 and 9090 (iptables or the provider's firewall)"),
        ("security: controller access", "who can reach the controller API is restricted where the audience is limited (router.deis.io/nginx.enforceWhitelists on the router, router.deis.io/whitelist on the deis-controller service)"),
        ("security: router TLS", "clients reach the controller and apps over HTTPS only (the certificate and enforcement WF-TLS checks)"),
        ("security: registry exposure", "the in-cluster registry proxy's node port (5555) is not reachable from outside the cluster"),
    ]

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let k = state.kubernetes
        if let error = k.deployments.error { return [unreadable(error, subject: "security")] }
        guard k.deployments.value != nil else { return [] }
        guard k.deployment(WorkflowNames.controller) != nil else {
            return [finding(.notApplicable, subject: "security", "no deis-controller deployment: Workflow is not installed here")]
        }
        return Self.steps.map { finding(.manual, subject: $0.subject, "confirm by hand: \($0.check); m marks it done") }
    }
}
