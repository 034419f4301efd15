/// Thresholds the rules use. Defaults come from the source documents; a policy file
/// may change them.
public struct Policy: Sendable, Hashable, Codable {
    public var minRouterReplicas = 2
    public var certificateWarningDays = 30
    public var backupMaxAgeHours = 24
    public var severityOverrides: [String: Severity] = [:]
    /// Rules turned off entirely; reports list them as disabled.
    public var disabledRules: Set<String> = []
    /// Findings accepted for a named object, with a reason; still reported, marked suppressed.
    public var suppressions: [Suppression] = []

    public init() {}

    public static let `default` = Policy()
}
