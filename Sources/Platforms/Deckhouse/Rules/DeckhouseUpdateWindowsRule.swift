import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-UPDATE-WINDOWS: releases install either after approval (Manual) or only inside
/// update windows — never whenever they happen to appear.
public struct DeckhouseUpdateWindowsRule: Rule {
    public let info = RuleInfo(
        id: "DH-UPDATE-WINDOWS", title: "Updates are manual or limited to update windows", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Release channel and update mode"),
        rationale: "In Auto mode without windows a new release installs as soon as it reaches the channel, at peak load as readily as at night. Configure update windows for quiet hours, or use Manual mode."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = DeckhouseSubject.moduleConfig
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.settings, subject: subject) { settings in
                let mode = settings.mode ?? "\(DeckhouseUpdateSettings.defaultMode) (default)"
                if !settings.windowProblems.isEmpty {
                    return [finding(.fail, subject: subject,
                                    "malformed update window(s), which Deckhouse cannot use: " + settings.windowProblems.joined(separator: "; "))]
                }
                if settings.isManual {
                    return [finding(.pass, subject: subject, "update mode Manual: releases wait for approval")]
                }
                if !settings.windows.isEmpty {
                    return [finding(.pass, subject: subject,
                                    "update mode \(mode), \(settings.windows.count) window(s): \(settings.windows.map(\.description).joined(separator: "; ")) UTC")]
                }
                return [finding(.fail, subject: subject,
                                "update mode \(mode) with no update windows: releases install as soon as they appear",
                                fix: .addUpdateWindow(window: policy.deckhouseProposedWindow, existing: settings.rawWindows))]
            }
        }
    }
}
