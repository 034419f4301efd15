import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// JUnit XML for CI test views: one test suite per cluster, one test case per rule.
/// A rule fails when any of its findings is an open failure; suppressed, manual and
/// not-applicable rules are `skipped` with the reason; unreadable data is an `error`.
public struct JUnitReport: Sendable {
    public var reports: [CheckReport]
    /// Each report's rules: what its cluster's platform evaluates.
    public var rules: [[RuleInfo]]

    public init(reports: [CheckReport], rules: [[RuleInfo]]) {
        self.reports = reports
        self.rules = rules
    }

    public func xml() -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for (index, report) in reports.enumerated() {
            var cases: [String] = []
            var counts = (tests: 0, failures: 0, errors: 0, skipped: 0)
            let platformRules = index < rules.count ? rules[index] : []
            for rule in platformRules {
                let findings = report.findings.filter { $0.rule.id == rule.id }
                counts.tests += 1
                let classname = "shipshape.\(report.target.platform.rawValue)"
                let name = "\(rule.id) \(rule.title)"
                var body = ""
                let open = findings.filter(\.isOpenFailure)
                let unreadable = findings.filter { $0.verdict == .error && $0.suppression == nil }
                if !unreadable.isEmpty {
                    counts.errors += 1
                    body = "<error message=\"\(Self.escape(unreadable[0].message))\" type=\"unreadable\">\(Self.escape(Self.lines(unreadable)))</error>"
                } else if !open.isEmpty {
                    counts.failures += 1
                    body = "<failure message=\"\(Self.escape(open.map(\.subject).joined(separator: ", ")))\" type=\"\(rule.severity.rawValue)\">"
                        + Self.escape(Self.lines(open) + "\nWhy: \(rule.rationale)\nSource: \(rule.seed)") + "</failure>"
                } else if let skipped = Self.skipReason(findings) {
                    counts.skipped += 1
                    body = "<skipped message=\"\(Self.escape(skipped))\"/>"
                }
                cases.append("    <testcase classname=\"\(Self.escape(classname))\" name=\"\(Self.escape(name))\" time=\"0\">\(body)</testcase>")
            }
            let name = "shipshape \(report.target.label)"
            var suite = "  <testsuite name=\"\(Self.escape(name))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\" time=\"0\" timestamp=\"\(Self.timestamp(report.readAt))\">\n"
            suite += cases.joined(separator: "\n") + "\n"
            if !report.probeErrors.isEmpty {
                suite += "    <system-err>\(Self.escape(report.probeErrors.map(\.message).joined(separator: "\n")))</system-err>\n"
            }
            suite += "  </testsuite>"
            suites.append(suite)
            totals = (totals.tests + counts.tests, totals.failures + counts.failures, totals.errors + counts.errors, totals.skipped + counts.skipped)
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="shipshape" tests="\(totals.tests)" failures="\(totals.failures)" errors="\(totals.errors)" skipped="\(totals.skipped)" time="0">
        \(suites.joined(separator: "\n"))
        </testsuites>

        """
    }

    static func skipReason(_ findings: [Finding]) -> String? {
        if let suppressed = findings.first(where: { $0.suppression != nil }), !findings.contains(where: \.isOpenFailure) {
            return "suppressed: \(suppressed.suppression!.reason)"
        }
        if findings.isEmpty { return "not evaluated (no data for this rule)" }
        if findings.allSatisfy({ $0.verdict == .notApplicable }) { return "not applicable: \(findings[0].message)" }
        if findings.contains(where: { $0.verdict == .manual }) && !findings.contains(where: { $0.verdict == .pass }) {
            return "manual: \(findings.first { $0.verdict == .manual }!.message)"
        }
        return nil
    }

    static func lines(_ findings: [Finding]) -> String {
        findings.map { "\($0.subject): \($0.message)" }.joined(separator: "\n")
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return String(formatter.string(from: date).dropLast()) // JUnit wants no zone designator
    }

    /// XML 1.0 allows no control characters besides tab/newline/CR, even escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar)
            }
        }
        return out
    }
}
