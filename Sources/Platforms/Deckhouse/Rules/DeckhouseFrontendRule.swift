import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-FRONTEND: two or more frontend nodes, and ingress controllers on a `HostPort` inlet
/// (with an external load balancer), not `HostWithFailover`.
public struct DeckhouseFrontendRule: Rule {
    public let info = RuleInfo(
        id: "DH-FRONTEND", title: "At least 2 frontend nodes and a HostPort inlet", severity: .error, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Frontend nodes"),
        rationale: "Frontend nodes carry all incoming traffic: with one, its failure takes every application offline. HostWithFailover suits single-frontend development clusters and is not recommended for production; use HostPort behind an external load balancer."
    )

    public init() {}

    static let goodInlets: Set<String> = ["HostPort", "HostPortWithProxyProtocol", "HostPortWithSSLPassthrough"]
    static let cloudInlets: Set<String> = ["LoadBalancer", "LoadBalancerWithProxyProtocol", "LoadBalancerWithSSLPassthrough"]

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "frontend nodes"
        return withDeckhouse(state, subject: subject) { deckhouse in
            var findings = withSection(deckhouse.nodes, subject: subject) { _ in
                let frontends = deckhouse.nodes(with: .frontend)
                let want = policy.deckhouseMinFrontendNodes
                if frontends.count >= want {
                    return [finding(.pass, subject: subject, "\(frontends.count) frontend nodes")]
                }
                let names = frontends.isEmpty ? "" : " (\(frontends.map(\.name).joined(separator: ", ")))"
                return [finding(.fail, subject: subject,
                                "\(frontends.count) frontend node(s)\(names): want at least \(want), each able to carry the whole load if another fails")]
            }
            findings += withSection(deckhouse.ingressControllers, subject: "ingress controllers") { controllers in
                guard !controllers.isEmpty else {
                    return [finding(.manual, subject: "ingress controllers", "no IngressNginxController: check by hand how traffic enters the cluster")]
                }
                return controllers.map(inletFinding)
            }
            return findings
        }
    }

    func inletFinding(_ controller: DeckhouseIngressController) -> Finding {
        let subject = "ingressnginxcontroller/\(controller.name)"
        switch controller.inlet {
        case "HostWithFailover"?:
            return finding(.fail, subject: subject,
                           "inlet HostWithFailover is not recommended for production: use HostPort (or HostPortWithProxyProtocol) behind an external load balancer (the inlet cannot be changed in place: create a new controller)")
        case let inlet? where Self.goodInlets.contains(inlet):
            return finding(.pass, subject: subject, "inlet \(inlet)")
        case let inlet? where Self.cloudInlets.contains(inlet):
            return finding(.pass, subject: subject, "inlet \(inlet) (a cloud load balancer in front)")
        case let inlet?:
            return finding(.manual, subject: subject, "inlet \(inlet): check by hand that it suits production")
        case nil:
            return finding(.manual, subject: subject, "no inlet set: check the controller by hand")
        }
    }
}
