import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-RELEASE-CHANNEL: production clusters follow `EarlyAccess` or `Stable`.
public struct DeckhouseReleaseChannelRule: Rule {
    public let info = RuleInfo(
        id: "DH-RELEASE-CHANNEL", title: "Release channel is EarlyAccess or Stable", severity: .error, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Release channel and update mode"),
        rationale: "Alpha and Beta get releases first and carry their bugs; with no channel Deckhouse stops updating and keeps long-fixed bugs. Use EarlyAccess or Stable in production."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = DeckhouseSubject.moduleConfig
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.settings, subject: subject) { settings in
                let want = policy.deckhouseTargetReleaseChannel
                let fix = FixIntent.setSetting(DeckhouseSetting.releaseChannel, from: settings.releaseChannel, to: want)
                guard let channel = settings.releaseChannel else {
                    return [finding(.fail, subject: subject, "no release channel set: Deckhouse does not update itself and keeps bugs that newer releases fixed", fix: fix)]
                }
                if policy.deckhouseReleaseChannels.contains(channel) {
                    return [finding(.pass, subject: subject, "releaseChannel \(channel)")]
                }
                return [finding(.fail, subject: subject,
                                "releaseChannel \(channel): production clusters should follow \(policy.deckhouseReleaseChannels.joined(separator: " or "))",
                                fix: fix)]
            }
        }
    }
}
