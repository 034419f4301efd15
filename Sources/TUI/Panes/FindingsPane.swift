import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Findings: failing and undecidable rules, worst first (sorted by severity until `s` picks
/// another column); `f` marks fixable ones. With every cluster's findings, a CLUSTER column.
enum FindingsPane {
    static func source(rows: [FindingRow], clusterNames: [String]?, loaded: Bool, passing: Int) -> ListSource<FindingRow> {
        var columns: [ListColumn<FindingRow>] = [
            ListColumn("SEV", .fit(max: 8), sort: { .number(rank($0.finding)) }) { row in
                row.finding.verdict == .error ? Cell("unread", .error) : Cell(row.finding.severity.rawValue, role(row.finding.severity))
            },
            ListColumn("", .fixed(1), sortable: false) { verdict($0.finding) },
        ]
        if let clusterNames {
            columns.append(ListColumn("CLUSTER", .fit(max: 18)) { row in
                Cell(clusterNames.indices.contains(row.cluster) ? clusterNames[row.cluster] : "", .info)
            })
        }
        columns += [
            ListColumn("RULE", .fit(max: 24)) { Cell($0.finding.rule.id) },
            ListColumn("SUBJECT", .fit(max: 32)) { Cell($0.finding.subject, .dim) },
            ListColumn("FINDING", .slack(min: 16)) { Cell($0.finding.message) },
        ]
        let failing = rows.filter { $0.finding.verdict == .fail }.count
        let fixable = rows.filter { $0.finding.verdict == .fail && $0.finding.fix != nil }.count
        let summary = loaded ? [Cell("\(failing) failing · \(fixable) fixable with f · \(passing) passing", failing == 0 ? .ok : .warning)] : nil
        return ListSource(title: clusterNames == nil ? "Findings" : "Findings · all clusters", columns: columns, rows: rows,
                          defaultSort: RowOrder(column: 0), emptyText: loaded ? "nothing to fix: \(passing) check(s) pass" : "loading…",
                          summary: summary, details: { details($0.finding) })
    }

    /// Worst first: severity, then failing before unreadable before manual, suppressed last.
    static func rank(_ finding: Finding) -> Double {
        let severity = Severity.allCases.count - 1 - (Severity.allCases.firstIndex(of: finding.severity) ?? 0)
        let verdict: [Verdict: Int] = [.fail: 0, .error: 1, .manual: 2, .pass: 3, .notApplicable: 4]
        return Double(severity * 10 + (verdict[finding.verdict] ?? 5) + (finding.suppression == nil ? 0 : 5))
    }

    static func role(_ severity: Severity) -> StyleRole {
        switch severity {
        case .critical: .critical
        case .error: .error
        case .warning: .warning
        case .info: .info
        }
    }

    static func verdict(_ finding: Finding) -> Cell {
        switch finding.verdict {
        case .fail: Cell(finding.fix != nil ? "f" : "✗", role(finding.severity))
        case .error: Cell("?", .error)
        case .manual: Cell("m", .dim)
        case .pass: Cell("✓", .ok)
        case .notApplicable: Cell("-", .dim)
        }
    }

    static func details(_ finding: Finding) -> (title: String, lines: [String]) {
        var lines = ["Rule:      \(finding.rule.id) — \(finding.rule.title)",
                     "Severity:  \(finding.severity.rawValue)    Verdict: \(finding.verdict.rawValue)",
                     "Subject:   \(finding.subject)",
                     "Source:    \(finding.rule.seed)", "",
                     finding.message, "", "Why: " + finding.rule.rationale]
        lines += ["", finding.fix.map { "Fix (f): " + $0.summary } ?? "Fix: by hand — this rule has no automatic fix."]
        return (finding.rule.id, lines)
    }
}
