import Foundation

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
                findings.append(finding)
            }
        }
        return findings.sorted { $0.sortKey < $1.sortKey }
    }
}
