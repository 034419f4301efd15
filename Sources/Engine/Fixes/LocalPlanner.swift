import Foundation

/// Plans the intents every platform shares and that touch the operator's machine:
/// etcd snapshots into the backup folder, drill and manual-check records.
public struct LocalPlanner: Sendable {
    public var target: Target
    public var backupDirectory: String
    public var operatorName: String

    public init(target: Target, backupDirectory: String, operatorName: String = LocalPlanner.currentUser()) {
        self.target = target
        self.backupDirectory = backupDirectory
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
        case .etcdSnapshot:
            // etcdctl takes a snapshot from exactly one member ("snapshot must be requested to
            // one selected node"): the first endpoint given.
            guard let etcd = target.etcd, let endpoint = etcd.endpoints.first else { return nil }
            let stamp = Self.stamp(now)
            let directory = backupDirectory + "/" + Self.safeName(target.name)
            let final = "\(directory)/etcd-\(stamp).db"
            let partial = final + ".part"
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Take an etcd snapshot", risk: .low, intent: intent,
                changes: [.init(what: "new file (from \(endpoint))", from: "(none)", to: final)],
                commands: [etcd.etcdctl(member: endpoint, ["snapshot", "save", partial], timeoutSeconds: 120)],
                dryRunCommands: [],
                // A dead member would make `snapshot save` hang until the timeout; ask first.
                preconditions: [StateCheck(description: "\(endpoint) answers health checks",
                                           command: etcd.etcdctl(member: endpoint, ["endpoint", "health", "-w", "json"]),
                                           jsonPath: ["0", "endpoint"], expected: endpoint)],
                postconditions: [],
                local: .keepEtcdSnapshot(partial: partial, final: final,
                                         status: Command("etcdctl", ["snapshot", "status", partial, "-w", "json"]))
            )
        case .recordDrill:
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Record a restore drill", risk: .low, intent: intent,
                changes: [.init(what: "records: restore drill", from: "(none)", to: "done \(Self.day(now)) by \(operatorName)")],
                commands: [], dryRunCommands: [], preconditions: [], postconditions: [],
                local: .recordDrill(by: operatorName, note: "recorded in the console")
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

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    static func day(_ date: Date) -> String {
        String(ISO8601DateFormatter().string(from: date).prefix(10))
    }

    /// Folder names from target names: nothing that climbs out of the backup folder.
    static func safeName(_ name: String) -> String {
        let cleaned = name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }
        let result = String(cleaned).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return result.isEmpty ? "cluster" : result
    }
}
