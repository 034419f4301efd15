import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-FRONTEND: two or more frontend nodes, and ingress controllers on the inlets the guide
/// names for production: `HostPort` or `HostPortWithProxyProtocol`, behind an external load
/// balancer. `HostWithFailover` fails (the guide: "not recommended for production"); any
/// other inlet (LoadBalancer*, *WithSSLPassthrough) is not judged by the guide, so it is a
/// manual finding, never a pass.
public struct DeckhouseFrontendRule: Rule {
    public let info = RuleInfo(
        id: "DH-FRONTEND", title: "At least 2 frontend nodes and a HostPort inlet", severity: .error, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Frontend nodes"),
        rationale: "Frontend nodes carry all incoming traffic: with one, its failure takes every application offline. HostWithFailover suits single-frontend development clusters and is not recommended for production; use HostPort behind an external load balancer."
    )

    public init() {}

    static let goodInlets: Set<String> = ["HostPort", "HostPortWithProxyProtocol"]

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
            return finding(.pass, subject: subject, "inlet \(inlet) (with an external load balancer in front)")
        case let inlet?:
            return finding(.manual, subject: subject,
                           "inlet \(inlet) is not one the guide names for production (HostPort or HostPortWithProxyProtocol behind an external load balancer): check by hand that it suits; m marks it checked")
        case nil:
            return finding(.manual, subject: subject, "no inlet set: check the controller by hand")
        }
    }
}
