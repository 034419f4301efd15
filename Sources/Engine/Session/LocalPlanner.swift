import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Plans the intents every platform shares and that touch only the operator's machine:
/// drill, backup and manual-check records.
public struct LocalPlanner: Sendable {
    public var target: Target
    public var operatorName: String

    public init(target: Target, operatorName: String = LocalPlanner.currentUser()) {
        self.target = target
        self.operatorName = operatorName
    }

    /// `$XDG_DATA_HOME/shipshape/backups`, else `~/.local/share/shipshape/backups`.
    public static func defaultBackupDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/shipshape/backups" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/shipshape/backups"
    }

    public static func currentUser() -> String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
    }

    public func plan(_ intent: FixIntent, ruleID: String, subject: String, now: Date = Date()) -> FixPlan? {
        switch intent {
        case .recordDrill:
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Record a restore drill", risk: .low, intent: intent,
                changes: [.init(what: "records: restore drill", from: "(none)", to: "done \(Self.day(now)) by \(operatorName)")],
                commands: [], dryRunCommands: [], preconditions: [], postconditions: [],
                local: .recordDrill(by: operatorName, note: "recorded in the console")
            )
        case .recordBackup(let kind):
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Record a \(kind) backup", risk: .low, intent: intent,
                changes: [.init(what: "records: \(kind) backup", from: "(none recorded)", to: "done \(Self.day(now)) by \(operatorName)")],
                commands: [], dryRunCommands: [], preconditions: [], postconditions: [],
                local: .recordBackup(kind: kind, by: operatorName, location: "(not given: recorded in the console)", note: "recorded in the console"),
                notes: ["Record it only once the backup exists where you keep backups: the console cannot read it back."]
            )
        case .markDone(let rule, let object):
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Mark \(rule) checked by hand", risk: .low, intent: intent,
                changes: [.init(what: "records: \(rule) on \(object)", from: "manual", to: "checked \(Self.day(now)) by \(operatorName)")],
                commands: [], dryRunCommands: [], preconditions: [], postconditions: [],
                local: .markDone(ruleID: rule, subject: object, by: operatorName, note: "checked by hand")
            )
        default:
            return nil
        }
    }

    static func day(_ date: Date) -> String {
        String(ISO8601DateFormatter().string(from: date).prefix(10))
    }
}
