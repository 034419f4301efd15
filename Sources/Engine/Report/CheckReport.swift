import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// The result of `shipshape check`: findings, probe errors, and the exit status
/// they imply (0 clean, 1 findings at or above the threshold, 2 cluster unreadable).
public struct CheckReport: Sendable, Codable {
    public var target: Target
    public var readAt: Date
    public var findings: [Finding]
    public var probeErrors: [ProbeError.Report]
    public var failOn: Severity
    /// Rules the policy turned off: listed so a report never hides what it skipped.
    public var disabledRules: [String]

    public init(snapshot: Snapshot, failOn: Severity, disabledRules: Set<String> = []) {
        self.target = snapshot.state.target
        self.readAt = snapshot.state.readAt
        self.findings = snapshot.findings
        self.probeErrors = snapshot.state.failures.map(ProbeError.Report.init)
        self.failOn = failOn
        self.disabledRules = disabledRules.sorted()
    }

    public var exitStatus: Int32 {
        if !probeErrors.isEmpty { return 2 }
        return findings.contains { $0.isOpenFailure && $0.severity >= failOn } ? 1 : 0
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// A plain table for terminals and CI logs.
    public func table() -> String {
        var lines = ["target: \(target.label)" + (target.kube.map { " (kubeconfig \($0.kubeconfig))" } ?? "")]
        for error in probeErrors { lines.append("ERROR  could not read: \(error.message)") }
        let rows = findings.map { finding in
            [finding.suppression == nil ? finding.verdict.rawValue.uppercased() : "SUPPRESSED", finding.severity.rawValue, finding.rule.id,
             finding.subject, finding.message + (finding.suppression.map { " [suppressed: \($0.reason)]" } ?? "")]
        }
        let header = ["VERDICT", "SEVERITY", "RULE", "SUBJECT", "DETAIL"]
        let widths = (0..<4).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append((0..<4).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") + "  " + row[4])
        }
        if !disabledRules.isEmpty { lines.append("disabled by policy: \(disabledRules.joined(separator: ", "))") }
        let failing = findings.filter(\.isOpenFailure)
        let suppressed = findings.filter { $0.suppression != nil }.count
        lines.append("\(failing.count) failing (\(failing.filter { $0.severity >= failOn }.count) at or above \(failOn.rawValue)), \(suppressed) suppressed, "
                     + "\(findings.filter { $0.verdict == .pass }.count) passing, \(findings.filter { $0.verdict == .manual }.count) manual, "
                     + "\(probeErrors.count) probe error(s)")
        return lines.joined(separator: "\n")
    }
}

extension ProbeError {
    /// The serialisable form used in reports.
    public struct Report: Sendable, Codable {
        public var kind: String
        public var message: String

        init(_ error: ProbeError) {
            kind = error.kind.rawValue
            message = error.message
        }
    }
}
