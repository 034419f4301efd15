import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// WF-TLS: the router has a platform certificate that is not about to expire, and enforces
/// HTTPS (`router.deis.io/nginx.ssl.enforce`, or HSTS which implies it) so credentials never
/// cross in clear. The certificate is the operator's to provide; enforcement is offered as a
/// fix once a valid certificate is there (enforcing without one would break every client).
public struct TLSRule: Rule {
    public let info = RuleInfo(
        id: "WF-TLS", title: "Platform TLS certificate is valid and HTTPS is enforced", severity: .error, platforms: [.workflow],
        seed: "002 production-deployments.md — Enable TLS",
        rationale: "Without deis-router-platform-cert, the controller API and apps are served without TLS; without enforcement the router still answers plain HTTP, and credentials cross the network in clear."
    )

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let k = state.kubernetes
        let certSubject = "\(WorkflowNames.namespace)/\(WorkflowNames.routerCertSecret)"
        if let error = k.secrets.error { return [unreadable(error, subject: certSubject)] }
        guard let secrets = k.secrets.value else { return [] }
        let cert = certificate(secrets, subject: certSubject, policy: policy)
        return [cert, enforcement(k, certificateValid: cert.verdict == .pass)].compactMap { $0 }
    }

    func certificate(_ secrets: [KubeSecretMeta], subject: String, policy: Policy) -> Finding {
        guard let secret = secrets.first(where: { $0.name == WorkflowNames.routerCertSecret }) else {
            return finding(.fail, subject: subject, "no platform certificate secret: the router serves plain HTTP; create \(WorkflowNames.routerCertSecret) with tls.crt and tls.key (by hand)")
        }
        guard let notAfter = secret.certificateNotAfter else {
            return finding(.fail, subject: subject, "certificate in tls.crt could not be read")
        }
        let days = Int(notAfter.timeIntervalSince(now()) / 86_400)
        if days < 0 { return finding(.fail, subject: subject, "certificate expired \(-days) day(s) ago") }
        if days < policy.certificateWarningDays {
            return finding(.fail, subject: subject, "certificate expires in \(days) day(s) (warn below \(policy.certificateWarningDays))")
        }
        return finding(.pass, subject: subject, "certificate valid for \(days) more days")
    }

    func enforcement(_ k: KubernetesState, certificateValid: Bool) -> Finding? {
        let subject = "\(WorkflowNames.namespace)/\(WorkflowNames.router)"
        if let error = k.deployments.error { return unreadable(error, subject: subject) }
        guard let deployments = k.deployments.value else { return nil }
        guard let router = deployments.first(where: { $0.name == WorkflowNames.router }) else {
            return finding(.notApplicable, subject: subject, "no deis-router deployment (native ingress?): enforce HTTPS in the ingress controller")
        }
        let enforce = router.annotations[WorkflowNames.sslEnforce]
        if enforce?.lowercased() == "true" {
            return finding(.pass, subject: subject, "HTTPS enforced (\(WorkflowNames.sslEnforce)=true)")
        }
        if router.annotations[WorkflowNames.hstsEnabled]?.lowercased() == "true" {
            return finding(.pass, subject: subject, "HTTPS enforced by HSTS (\(WorkflowNames.hstsEnabled)=true)")
        }
        let now = enforce.map { "\(WorkflowNames.sslEnforce) is \(Sanitizer.line($0, maxLength: 20))" } ?? "\(WorkflowNames.sslEnforce) is unset, and the router's default is false"
        guard certificateValid else {
            return finding(.fail, subject: subject, "HTTPS is not enforced: \(now); install a valid platform certificate first, then enforce it")
        }
        return finding(.fail, subject: subject, "HTTPS is not enforced: \(now), so the router still answers plain HTTP",
                       fix: .setSetting(Setting(scope: "\(router.namespace)/\(router.name)", key: WorkflowNames.sslEnforce), from: enforce, to: "true"))
    }
}
