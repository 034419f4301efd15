import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// WF-TLS: the router needs a platform certificate, and one that is not about to expire.
public struct TLSRule: Rule {
    public let info = RuleInfo(
        id: "WF-TLS", title: "Platform TLS certificate is present and valid", severity: .error, platforms: [.workflow],
        seed: "002 production-deployments.md — Enable TLS",
        rationale: "Without deis-router-platform-cert, the controller API and apps are served without TLS; credentials cross the network in clear."
    )

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "\(WorkflowNames.namespace)/\(WorkflowNames.routerCertSecret)"
        let k = state.kubernetes
        if let error = k.secrets.error { return [unreadable(error, subject: subject)] }
        guard let secrets = k.secrets.value else { return [] }
        guard let secret = secrets.first(where: { $0.name == WorkflowNames.routerCertSecret }) else {
            return [finding(.fail, subject: subject, "no platform certificate secret: the router serves plain HTTP")]
        }
        guard let notAfter = secret.certificateNotAfter else {
            return [finding(.fail, subject: subject, "certificate in tls.crt could not be read")]
        }
        let days = Int(notAfter.timeIntervalSince(now()) / 86_400)
        if days < 0 { return [finding(.fail, subject: subject, "certificate expired \(-days) day(s) ago")] }
        if days < policy.certificateWarningDays {
            return [finding(.fail, subject: subject, "certificate expires in \(days) day(s) (warn below \(policy.certificateWarningDays))")]
        }
        return [finding(.pass, subject: subject, "certificate valid for \(days) more days")]
    }
}
