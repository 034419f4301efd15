import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Applies a platform's rules to a state and applies the policy: suppressions,
/// severity overrides, stable ordering.
public struct RuleEngine: Sendable {
    public var rules: [any Rule]
    public var policy: Policy

    public init(rules: [any Rule], policy: Policy = .default) {
        self.rules = rules
        self.policy = policy
    }

    public func evaluate(_ state: ClusterState, now: Date = Date()) -> [Finding] {
        var findings: [Finding] = []
        for rule in rules where !policy.disabledRules.contains(rule.info.id) {
            for var finding in rule.evaluate(state, policy: policy) {
                if let severity = policy.severityOverrides[finding.rule.id] { finding.rule.severity = severity }
                if finding.verdict == .fail || finding.verdict == .error {
                    finding.suppression = policy.suppressions.first { $0.matches(finding, now: now) }
                }
                if finding.verdict == .manual, let done = Self.checkedByHand(finding, in: state) {
                    finding.verdict = .pass
                    finding.message = "checked by hand by \(done.by) on \(ISO8601DateFormatter().string(from: done.doneAt).prefix(10)): \(done.note)"
                }
                findings.append(finding)
            }
        }
        return findings.sorted { $0.sortKey < $1.sortKey }
    }

    /// A manual rule the operator marked done for this target and subject.
    static func checkedByHand(_ finding: Finding, in state: ClusterState) -> ManualDoneRecord? {
        state.records.value?.manualDone
            .filter { $0.target == state.target.name && $0.ruleID == finding.rule.id && $0.subject == finding.subject }
            .max { $0.doneAt < $1.doneAt }
    }
}
