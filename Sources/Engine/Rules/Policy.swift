/// Thresholds the rules use. Defaults come from the source documents; a policy file
/// may change them.
public struct Policy: Sendable, Hashable, Codable {
    public var minRouterReplicas = 2
    public var certificateWarningDays = 30
    public var backupMaxAgeHours = 24
    public var severityOverrides: [String: Severity] = [:]
    public var suppressed: Set<String> = []

    public init() {}

    public static let `default` = Policy()
}
