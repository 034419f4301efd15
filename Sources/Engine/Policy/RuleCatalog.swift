import ShipshapeCore
import PlatformKit
import ShipshapeRunner

/// Every rule shipshape knows, across platforms: for policy validation (unknown rule ids are
/// errors) and for reports that list rules. Built from the plug-ins, where each platform
/// declares its rules once.
public struct RuleCatalog: Sendable {
    public let all: [RuleInfo]

    public init(plugins: [any PlatformPlugin]) {
        var seen = Set<String>()
        all = plugins.flatMap { $0.rules.map(\.info) }.filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
    }

    public var ids: Set<String> { Set(all.map(\.id)) }

    /// The rules evaluated for these clusters, each id once (reports list them).
    public static func infos(for sessions: [Session]) -> [RuleInfo] {
        var seen = Set<String>()
        return sessions.flatMap { $0.ruleEngine.rules.map(\.info) }.filter { seen.insert($0.id).inserted }
    }

    /// Rule ids used by two different rules: one id must mean one rule in every report.
    public static func duplicateIDs(in plugins: [any PlatformPlugin]) -> [String] {
        var seen: [String: String] = [:]
        var duplicates: Set<String> = []
        for rule in plugins.flatMap(\.rules) {
            let type = String(reflecting: Swift.type(of: rule))
            if let other = seen[rule.info.id], other != type { duplicates.insert(rule.info.id) }
            seen[rule.info.id] = type
        }
        return duplicates.sorted()
    }
}
