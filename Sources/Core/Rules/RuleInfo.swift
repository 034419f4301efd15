/// What a rule is, where it comes from and why it matters — shown in details,
/// reports and `shipshape check`.
public struct RuleInfo: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var platforms: [PlatformID]
    /// Source document and section, e.g. "002 production-deployments.md — Scale Routers".
    public var seed: String
    public var rationale: String

    public init(id: String, title: String, severity: Severity, platforms: [PlatformID], seed: String, rationale: String) {
        self.id = id
        self.title = title
        self.severity = severity
        self.platforms = platforms
        self.seed = seed
        self.rationale = rationale
    }
}
