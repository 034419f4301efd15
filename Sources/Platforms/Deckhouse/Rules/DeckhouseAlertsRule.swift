import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-ALERTS: at least one Alertmanager receiver, so alerts reach someone.
public struct DeckhouseAlertsRule: Rule {
    public let info = RuleInfo(
        id: "DH-ALERTS", title: "At least one Alertmanager receiver is configured", severity: .error, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Monitoring alerts"),
        rationale: "Monitoring works out of the box, but its alerts go nowhere until a CustomAlertmanager sends them to e-mail, Slack, Telegram, a webhook or an external Alertmanager."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "customalertmanagers"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.alertmanagers, subject: subject) { managers in
                let routing = managers.filter { $0.receivers > 0 }
                if !routing.isEmpty {
                    return [finding(.pass, subject: subject, "alerts are routed by \(routing.map(\.name).joined(separator: ", "))")]
                }
                let detail = managers.isEmpty ? "no CustomAlertmanager objects"
                    : "\(managers.count) CustomAlertmanager(s) (\(managers.map(\.name).joined(separator: ", "))) with no receiver or address"
                return [finding(.fail, subject: subject, "\(detail): alerts reach nobody")]
            }
        }
    }
}
