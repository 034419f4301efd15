import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-RELEASE-APPROVAL: where releases wait for an operator — every release in Manual mode,
/// a new minor version in AutoPatch mode (the schema default) — none waits unapproved longer
/// than the policy's days. Approving (`approved: true`) lets Deckhouse install it in its next
/// update window; the fix asks for the cluster's name to be typed.
public struct DeckhouseReleaseApprovalRule: Rule {
    public let info = RuleInfo(
        id: "DH-RELEASE-APPROVAL", title: "No release waits for approval too long", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Release channel and update mode"),
        rationale: "Manual mode only works when someone approves the releases: one left waiting holds the cluster on an ageing release (see DH-RELEASE-AGE). Approve each within the policy's days, in an update window."
    )

    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Releases that need an approval under `mode` before they install.
    public static func waiting(_ releases: [DeckhouseRelease], mode: String) -> [DeckhouseRelease] {
        let pending = releases.filter(\.isPending)
        switch mode {
        case "Manual": return pending
        case "AutoPatch":
            let deployed = releases.first(where: \.isDeployed).flatMap { DeckhouseVersion.minor($0.version) }
            return pending.filter { DeckhouseVersion.minor($0.version) != deployed }
        default: return []
        }
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "release approval"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.settings, subject: subject) { settings in
                let mode = settings.effectiveMode
                guard mode == "Manual" || mode == "AutoPatch" else {
                    return [finding(.notApplicable, subject: subject, "update mode \(mode): releases install without approval")]
                }
                return withSection(deckhouse.releases, subject: subject) { releases in
                    let waiting = Self.waiting(releases, mode: mode)
                    guard !waiting.isEmpty else {
                        return [finding(.pass, subject: subject, "update mode \(mode): no release waits for approval")]
                    }
                    let limit = policy.deckhouseReleaseApprovalMaxAgeDays
                    return waiting.map { release in
                        let object = "deckhouserelease/\(release.name)"
                        let days = (release.createdAt ?? release.since).map { Int(now().timeIntervalSince($0) / 86_400) }
                        let age = days.map { "\(max($0, 0)) day(s)" } ?? "an unknown time"
                        if release.approved {
                            return finding(.pass, subject: object, "\(release.version) is approved: it installs \(settings.installText(now: now()))")
                        }
                        if let days, days <= limit {
                            return finding(.pass, subject: object, "\(release.version) waits for approval (\(mode)) for \(age), within \(limit) days")
                        }
                        return finding(.fail, subject: object,
                                       "\(release.version) has waited \(age) for approval (\(mode); policy: \(limit) days): review its changelog and approve it (f, typed confirmation)",
                                       fix: .approveRelease(name: release.name, version: release.version))
                    }
                }
            }
        }
    }
}

/// `v1.69.2` → `1.69`: the minor a Deckhouse version belongs to.
enum DeckhouseVersion {
    static func minor(_ version: String) -> String? {
        let parts = version.drop { $0 == "v" }.split(separator: ".")
        guard parts.count >= 2 else { return nil }
        return "\(parts[0]).\(parts[1])"
    }
}
