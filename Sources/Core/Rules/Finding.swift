/// One rule's verdict on one subject, with the fix the console can offer.
public struct Finding: Sendable, Hashable, Codable, Identifiable {
    public var rule: RuleInfo
    public var verdict: Verdict
    /// What the verdict is about, e.g. "deis/deis-router" or a node name.
    public var subject: String
    public var message: String
    public var fix: FixIntent?
    /// Set when the policy accepts this failure; it is still reported, marked suppressed.
    public var suppression: Suppression?

    public init(rule: RuleInfo, verdict: Verdict, subject: String, message: String, fix: FixIntent? = nil) {
        self.rule = rule
        self.verdict = verdict
        self.subject = Sanitizer.line(subject)
        self.message = Sanitizer.line(message, maxLength: 600)
        self.fix = fix
    }

    /// Stable across refreshes: the same rule on the same subject.
    public var id: String { "\(rule.id) \(subject)" }

    public var severity: Severity { rule.severity }

    /// Failing and not accepted by the policy: what exit statuses and alerts count.
    public var isOpenFailure: Bool { verdict == .fail && suppression == nil }

    /// Failing findings sort before the rest, worst first.
    public var sortKey: (Int, Int, String) {
        let order: [Verdict: Int] = [.fail: 0, .error: 1, .manual: 2, .pass: 3, .notApplicable: 4]
        return ((order[verdict] ?? 5) + (suppression == nil ? 0 : 5), -(Severity.allCases.firstIndex(of: severity) ?? 0), id)
    }
}
