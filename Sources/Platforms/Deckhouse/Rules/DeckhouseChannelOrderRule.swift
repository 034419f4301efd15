import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-CHANNEL-ORDER: across the estate, a development cluster follows a less stable channel
/// than a stage (pre-production) one, and stage than production, so a release reaches the
/// clusters in that order. The tier comes from the estate file's `env` label; the other
/// clusters' labels and channels arrive as peers (`joinEstate`), so the rule stays pure.
public struct DeckhouseChannelOrderRule: Rule {
    public let info = RuleInfo(
        id: "DH-CHANNEL-ORDER", title: "dev, stage and prod follow channels in order of stability", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Release channel and update mode"),
        rationale: "Use separate release channels: a development cluster on a less stable channel than a testing or stage cluster, and stage than production, so each release is seen in development before it reaches production."
    )

    public init() {}

    /// `env` label values, by tier: development, stage (testing, pre-production), production.
    public static let tiers: [[String]] = [["dev", "development"], ["stage", "staging", "test", "testing", "preprod", "pre-prod", "qa"], ["prod", "production"]]
    static let tierNames = ["dev", "stage", "prod"]

    public static func tier(_ labels: [String: String]) -> Int? {
        guard let env = labels["env"]?.lowercased() else { return nil }
        return tiers.firstIndex { $0.contains(env) }
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "release channel order"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.settings, subject: subject) { settings in
                guard let mine = Self.tier(state.target.labels) else {
                    return [finding(.notApplicable, subject: subject, "this cluster has no env label of dev, stage or prod in the estate file")]
                }
                guard let channel = settings.releaseChannel, let stability = DeckhouseChannel.stability(channel) else {
                    return [finding(.notApplicable, subject: subject, "no known release channel on this cluster (DH-RELEASE-CHANNEL)")]
                }
                var wrong: [String] = [], right: [String] = [], unread: [String] = []
                for peer in deckhouse.peers {
                    guard let theirs = Self.tier(peer.labels), theirs != mine else { continue }
                    guard let other = peer.settings?.releaseChannel, let otherStability = DeckhouseChannel.stability(other) else {
                        unread.append(peer.name); continue
                    }
                    let line = "\(peer.name) (\(Self.tierNames[theirs]), \(other))"
                    let ordered = mine < theirs ? stability < otherStability : stability > otherStability
                    if ordered { right.append(line) } else { wrong.append(line) }
                }
                let me = "\(Self.tierNames[mine]) on \(channel)"
                let note = unread.isEmpty ? "" : "; could not compare with \(unread.joined(separator: ", "))"
                if !wrong.isEmpty {
                    return [finding(.fail, subject: subject,
                                    "\(me), out of order with \(wrong.joined(separator: ", ")): dev should follow a less stable channel than stage, and stage than prod\(note)")]
                }
                guard !right.isEmpty else {
                    return [finding(.notApplicable, subject: subject, "no other open cluster of another tier to compare with (\(me))\(note)")]
                }
                return [finding(.pass, subject: subject, "\(me), in order with \(right.joined(separator: ", "))\(note)")]
            }
        }
    }
}
