import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-DR-PLAN: a recovery drill recorded within the policy's days (default 90); `f` records one
/// once it was done, with who and when.
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
