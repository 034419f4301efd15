import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-DR-PLAN: a recovery drill within 90 days. shipshape does not record drills yet (that
/// comes with the records and backups work), so this is a manual check and says so.
public struct DeckhouseRecoveryPlanRule: Rule {
    public let info = RuleInfo(
        id: "DH-DR-PLAN", title: "A recovery drill is recorded within 90 days", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Backups"),
        rationale: "Backups help only if they work and someone knows how to restore from them: keep a written Disaster Recovery Plan with the exact steps and commands, and test it in drills."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withDeckhouse(state, subject: "recovery plan") { _ in
            [drillFinding(state, maxAgeDays: policy.deckhouseDrillMaxAgeDays, subject: "recovery plan")]
        }
    }
}
