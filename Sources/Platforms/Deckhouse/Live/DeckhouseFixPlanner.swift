import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform

/// Turns Deckhouse fix intents into kubectl plans pinned to one target: merge patches of
/// ModuleConfig `deckhouse` (`--type=merge` is required — a strategic merge patch is
/// refused on custom resources), each with a server-side dry run, a precondition that the
/// live value is still the one previewed, and a postcondition that reads the new one back.
public struct DeckhouseFixPlanner: Sendable {
    public var target: KubeTarget

    public init(target: KubeTarget) {
        self.target = target
    }

    static let settingsPath = ["spec", "settings"]
    static let windowsPath = settingsPath + ["update", "windows"]

    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        switch intent {
        case .setSetting(let setting, let from, let to) where setting == DeckhouseSetting.releaseChannel:
            let patch: [String: Any] = ["spec": ["settings": ["releaseChannel": to.map { $0 as Any } ?? NSNull()]]]
            return plan(intent, ruleID: ruleID, subject: subject,
                        title: to.map { "Set the Deckhouse release channel to \($0)" } ?? "Unset the Deckhouse release channel",
                        risk: DeckhouseChannel.isRisky(from: from, to: to) ? .high : .low, patch: patch,
                        change: .init(what: "ModuleConfig deckhouse spec.settings.releaseChannel", from: from ?? "(unset)", to: to ?? "(unset)"),
                        before: channelCheck(from), after: channelCheck(to))
        case .addUpdateWindow(let window, let existing):
            let result = existing + [window]
            return windowsPlan(intent, ruleID: ruleID, subject: subject, title: "Add the update window \(window) (UTC)",
                               before: existing, after: result)
        case .removeUpdateWindow(let window, let existing):
            var result = existing
            if let index = result.firstIndex(of: window) { result.remove(at: index) }
            return windowsPlan(intent, ruleID: ruleID, subject: subject, title: "Remove the update window \(window) (UTC)",
                               before: existing, after: result)
        default:
            return nil
        }
    }

    func windowsPlan(_ intent: FixIntent, ruleID: String, subject: String, title: String,
                     before: [UpdateWindowSpec], after: [UpdateWindowSpec]) -> FixPlan {
        // An empty list is written as null: the key goes away, as it was before any window.
        let windows: Any = after.isEmpty ? NSNull() : after.map(\.jsonObject)
        let patch: [String: Any] = ["spec": ["settings": ["update": ["windows": windows]]]]
        return plan(intent, ruleID: ruleID, subject: subject, title: title, risk: .low, patch: patch,
                    change: .init(what: "ModuleConfig deckhouse spec.settings.update.windows",
                                  from: Self.describe(before), to: Self.describe(after)),
                    before: windowsCheck(before), after: windowsCheck(after))
    }

    func plan(_ intent: FixIntent, ruleID: String, subject: String, title: String, risk: FixPlan.Risk,
              patch: [String: Any], change: FixPlan.Change, before: StateCheck, after: StateCheck) -> FixPlan {
        let args = ["patch", DeckhouseNames.moduleConfigKind, DeckhouseNames.deckhouseConfig, "--type=merge", "-p", Self.json(patch)]
        return FixPlan(ruleID: ruleID, subject: subject, title: title, risk: risk, intent: intent, changes: [change],
                       commands: [target.kubectl(args)], dryRunCommands: [target.kubectl(args + ["--dry-run=server"])],
                       preconditions: [before], postconditions: [after])
    }

    func channelCheck(_ channel: String?) -> StateCheck {
        StateCheck(description: "the release channel is \(channel ?? "unset")",
                   command: target.rawGet(DeckhouseNames.deckhouseConfigPath),
                   jsonPath: Self.settingsPath + ["releaseChannel"], expected: channel)
    }

    /// No windows reads as "no first window", which holds for an absent list and an empty one alike.
    func windowsCheck(_ windows: [UpdateWindowSpec]) -> StateCheck {
        if windows.isEmpty {
            return StateCheck(description: "there are no update windows", command: target.rawGet(DeckhouseNames.deckhouseConfigPath),
                              jsonPath: Self.windowsPath + ["0"], expected: nil)
        }
        return StateCheck(description: "the update windows are \(Self.describe(windows))", command: target.rawGet(DeckhouseNames.deckhouseConfigPath),
                          jsonPath: Self.windowsPath, expected: JSONPathReader.canonical(windows.map(\.jsonObject)))
    }

    static func describe(_ windows: [UpdateWindowSpec]) -> String {
        windows.isEmpty ? "(none)" : windows.map(\.description).joined(separator: "; ")
    }

    /// The patch as compact JSON; cluster strings only ever travel inside this one argument.
    public static func json(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
