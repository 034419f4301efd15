/// How much a failing rule matters. Ordered, so `--fail-on warning` can compare.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
