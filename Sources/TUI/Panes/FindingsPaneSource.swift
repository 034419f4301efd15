import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Findings: failing and undecidable rules, worst first; `f` marks fixable ones.
struct FindingsPaneSource: PaneSource {
    let findings: [Finding]
    let loaded: Bool
    let passing: Int
    /// Each row's cluster, when the pane lists several clusters' findings.
    var clusterNames: [String]? = nil

    var title: String { clusterNames == nil ? "Findings" : "Findings" + " · all clusters" }
    var columns: [Column] {
        let cluster = clusterNames == nil ? [] : [Column("CLUSTER", width: 12)]
        return [Column("SEV", width: 8), Column("", width: 1)] + cluster + [Column("RULE", width: 17), Column("SUBJECT", width: 18), Column("FINDING")]
    }
    var rowCount: Int { findings.count }
    var errorText: String? { nil }
    var emptyText: String { loaded ? "nothing to fix: \(passing) check(s) pass" : "loading…" }

    var summary: [Cell]? {
        guard loaded else { return nil }
        let failing = findings.filter { $0.verdict == .fail }.count
        let fixable = findings.filter { $0.verdict == .fail && $0.fix != nil }.count
        return [Cell("\(failing) failing · \(fixable) fixable with f · \(passing) passing", failing == 0 ? .ok : .warning)]
    }

    func row(at index: Int) -> [Cell] {
        let finding = findings[index]
        let severityRole: StyleRole = switch finding.severity {
        case .critical: .critical
        case .error: .error
        case .warning: .warning
        case .info: .info
        }
        let verdict: Cell = switch finding.verdict {
        case .fail: Cell(finding.fix != nil ? "f" : "✗", severityRole)
        case .error: Cell("?", .error)
        case .manual: Cell("m", .dim)
        case .pass: Cell("✓", .ok)
        case .notApplicable: Cell("-", .dim)
        }
        let sev = finding.verdict == .error ? Cell("unread", .error) : Cell(finding.severity.rawValue, severityRole)
        let cluster = clusterNames.map { names in [Cell(names.indices.contains(index) ? names[index] : "", .info)] } ?? []
        return [sev, verdict] + cluster + [Cell(finding.rule.id), Cell(finding.subject, .dim), Cell(finding.message)]
    }
}
