import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules

/// DH-RELEASE-AGE: the deployed Deckhouse release is younger than six months.
public struct DeckhouseReleaseAgeRule: Rule {
    public let info = RuleInfo(
        id: "DH-RELEASE-AGE", title: "The deployed Deckhouse release is younger than 6 months", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Release channel and update mode (warning)"),
        rationale: "A release that has not been updated in over six months carries bugs fixed long ago, and makes prompt fixes hard or impossible. Keep the release channel on and let updates through."
    )

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "deckhouse release"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.releases, subject: subject) { releases in
                guard !releases.isEmpty else {
                    return [finding(.manual, subject: subject, "no DeckhouseRelease objects (is a release channel set?): check the deckhouse image version by hand")]
                }
                let deployed = releases.filter(\.isDeployed)
                guard let current = deployed.max(by: { ($0.since ?? .distantPast) < ($1.since ?? .distantPast) }) else {
                    let phases = Set(releases.map(\.phase)).sorted().joined(separator: ", ")
                    return [finding(.fail, subject: subject, "no release is Deployed (phases: \(phases))")]
                }
                guard let since = current.since else {
                    return [finding(.manual, subject: subject, "\(current.version) is Deployed, but not since when: check its age by hand")]
                }
                let days = Int(now().timeIntervalSince(since) / 86_400)
                if days > policy.deckhouseReleaseMaxAgeDays {
                    return [finding(.fail, subject: subject, "\(current.version) deployed \(days) days ago (over \(policy.deckhouseReleaseMaxAgeDays)): it misses months of fixes")]
                }
                return [finding(.pass, subject: subject, "\(current.version) deployed \(max(days, 0)) day(s) ago")]
            }
        }
    }
}
