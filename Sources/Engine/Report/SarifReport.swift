import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// SARIF 2.1.0 for code-scanning dashboards: one run, every rule of the platform in
/// `tool.driver.rules` (with the source document as help), one result per finding.
/// Suppressed findings carry `suppressions`; passes and n/a are results of kind
/// `pass` / `notApplicable`, so nothing is silently dropped.
public struct SarifReport: Sendable {
    public var reports: [CheckReport]
    /// Each report's rules: what its cluster's platform evaluates.
    public var rules: [[RuleInfo]]

    public init(reports: [CheckReport], rules: [[RuleInfo]]) {
        self.reports = reports
        self.rules = rules
    }

    /// One run per cluster, each with its own rules, results and invocation, told apart by
    /// `automationDetails.id` (the cluster's name) — how code-scanning views group them.
    public func json() -> String {
        let runs = reports.enumerated().map { index, report in run(report, rules: index < rules.count ? rules[index] : []) }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": runs,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    func run(_ report: CheckReport, rules: [RuleInfo]) -> [String: Any] {
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let driverRules: [[String: Any]] = rules.map { rule in
            [
                "id": rule.id,
                "name": Self.camelName(rule.title),
                "shortDescription": ["text": rule.title],
                "fullDescription": ["text": rule.rationale],
                "help": ["text": "\(rule.rationale) Source: \(rule.seed)."],
                "defaultConfiguration": ["level": Self.level(rule.severity)],
                "properties": ["platform": report.target.platform.rawValue, "severity": rule.severity.rawValue, "source": rule.seed],
            ]
        }
        var results: [[String: Any]] = []
        for finding in report.findings {
            var result: [String: Any] = [
                "ruleId": finding.rule.id,
                "kind": Self.kind(finding.verdict),
                "level": finding.verdict == .fail || finding.verdict == .error ? Self.level(finding.severity) : "none",
                "message": ["text": "\(finding.subject): \(finding.message)"],
                "locations": [["logicalLocations": [[
                    "name": finding.subject,
                    "fullyQualifiedName": "\(report.target.label)/\(finding.subject)",
                    "kind": "resource",
                ]]]],
                "properties": ["target": report.target.name, "verdict": finding.verdict.rawValue],
            ]
            if let index = ruleIndex[finding.rule.id] { result["ruleIndex"] = index }
            if let suppression = finding.suppression {
                result["suppressions"] = [["kind": "external", "status": "accepted", "justification": suppression.reason]]
            }
            results.append(result)
        }
        let notifications: [[String: Any]] = report.probeErrors.map {
            ["level": "error", "message": ["text": "\(report.target.label): could not read \($0.message)"]]
        }
        var invocation: [String: Any] = ["executionSuccessful": report.probeErrors.isEmpty]
        if !notifications.isEmpty { invocation["toolExecutionNotifications"] = notifications }
        return [
            "tool": ["driver": [
                "name": "shipshape",
                "version": ShipshapeVersion.current,
                "informationUri": ShipshapeVersion.informationURI,
                "rules": driverRules,
            ]],
            "automationDetails": ["id": "shipshape/\(report.target.name)/"],
            "properties": ["cluster": report.target.name, "platform": report.target.platform.rawValue],
            "invocations": [invocation],
            "results": results,
        ]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    static func kind(_ verdict: Verdict) -> String {
        switch verdict {
        case .fail: return "fail"
        case .pass: return "pass"
        case .manual: return "review"
        case .notApplicable: return "notApplicable"
        case .error: return "open"
        }
    }

    /// "Routers are scaled out" → "RoutersAreScaledOut" (SARIF rule names are identifiers).
    static func camelName(_ title: String) -> String {
        title.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
