import Foundation
import Yams
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Reads a policy file (YAML). Strict: an unknown key, an unknown rule id, a bad
/// severity or a suppression without a reason is an error naming the line, because a
/// typo in a policy must never silently weaken a check.
///
/// ```yaml
/// rules:
///   WF-GRAFANA-SIGNUP: {severity: critical}
///   DEIS1-CEPH: {enabled: false}
/// suppress:
///   - rule: NODES-READY
///     object: demo-node-3
///     reason: being replaced (OPS-123)
///     expires: 2026-12-31
/// thresholds:
///   certificateWarningDays: 45
/// ```
public struct PolicyLoader: Sendable {
    public var knownRules: Set<String>

    public init(knownRules: Set<String>) {
        self.knownRules = knownRules
    }

    /// `--policy FILE`, else `$XDG_CONFIG_HOME/shipshape/policy.yaml` (or
    /// `~/.config/shipshape/policy.yaml`) when it exists, else the defaults.
    public func loadDefault(explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PolicyError) -> Policy {
        if let explicitPath { return try load(file: explicitPath) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        let path = config + "/shipshape/policy.yaml"
        return FileManager.default.fileExists(atPath: path) ? try load(file: path) : .default
    }

    public func load(file: String) throws(PolicyError) -> Policy {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw PolicyError(file: file, line: nil, "cannot read the policy file")
        }
        return try parse(text, file: file)
    }

    public func parse(_ text: String, file: String) throws(PolicyError) -> Policy {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw PolicyError(file: file, line: nil, "not valid YAML: \(error)")
        }
        var policy = Policy.default
        guard let root else { return policy }
        let top = try mapping(root, "the policy", file)
        for (key, value) in top {
            switch key.string ?? "" {
            case "rules": try readRules(value, into: &policy, file)
            case "suppress": try readSuppressions(value, into: &policy, file)
            case "thresholds": try readThresholds(value, into: &policy, file)
            default: throw PolicyError(file: file, line: key.mark?.line, "unknown key '\(key.string ?? "?")' (expected rules, suppress, thresholds)")
            }
        }
        return policy
    }

    private func readRules(_ node: Node, into policy: inout Policy, _ file: String) throws(PolicyError) {
        for (key, value) in try mapping(node, "rules", file) {
            let id = key.string ?? ""
            guard knownRules.contains(id) else {
                throw PolicyError(file: file, line: key.mark?.line, "unknown rule id '\(id)'")
            }
            for (field, setting) in try mapping(value, "rules.\(id)", file) {
                switch field.string ?? "" {
                case "severity":
                    guard let severity = setting.string.flatMap(Severity.init(rawValue:)) else {
                        throw PolicyError(file: file, line: setting.mark?.line,
                                          "rules.\(id).severity must be one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    policy.severityOverrides[id] = severity
                case "enabled":
                    guard let enabled = setting.bool else {
                        throw PolicyError(file: file, line: setting.mark?.line, "rules.\(id).enabled must be true or false")
                    }
                    if enabled { policy.disabledRules.remove(id) } else { policy.disabledRules.insert(id) }
                default:
                    throw PolicyError(file: file, line: field.mark?.line, "unknown key '\(field.string ?? "?")' in rules.\(id) (expected severity, enabled)")
                }
            }
        }
    }

    private func readSuppressions(_ node: Node, into policy: inout Policy, _ file: String) throws(PolicyError) {
        guard case .sequence(let items) = node else {
            throw PolicyError(file: file, line: node.mark?.line, "suppress must be a list")
        }
        for item in items {
            var fields: [String: Node] = [:]
            for (key, value) in try mapping(item, "a suppression", file) {
                let name = key.string ?? ""
                guard ["rule", "object", "reason", "expires"].contains(name) else {
                    throw PolicyError(file: file, line: key.mark?.line, "unknown key '\(name)' in a suppression (expected rule, object, reason, expires)")
                }
                fields[name] = value
            }
            let line = item.mark?.line
            guard let rule = fields["rule"]?.string, knownRules.contains(rule) else {
                throw PolicyError(file: file, line: fields["rule"]?.mark?.line ?? line, "a suppression needs a known rule id")
            }
            guard let object = fields["object"]?.string, !object.isEmpty else {
                throw PolicyError(file: file, line: line, "a suppression needs an object (the finding's subject, or *)")
            }
            guard let reason = fields["reason"]?.string, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PolicyError(file: file, line: line, "a suppression of \(rule) needs a reason")
            }
            var expires: Date?
            if let node = fields["expires"] {
                guard let text = node.string, let date = Self.date(text) else {
                    throw PolicyError(file: file, line: node.mark?.line, "expires must be a date like 2026-12-31")
                }
                expires = date
            }
            policy.suppressions.append(Suppression(rule: rule, object: object, reason: reason, expires: expires))
        }
    }

    /// Thresholds are Policy's own numeric properties, by name; the set of valid names
    /// is whatever Policy encodes, so a new threshold needs no change here.
    private func readThresholds(_ node: Node, into policy: inout Policy, _ file: String) throws(PolicyError) {
        guard let encoded = try? JSONSerialization.jsonObject(with: JSONEncoder().encode(policy)) as? [String: Any] else {
            throw PolicyError(file: file, line: nil, "internal: the policy cannot be encoded")
        }
        var merged = encoded
        let numeric = encoded.filter { $0.value is NSNumber }.keys
        for (key, value) in try mapping(node, "thresholds", file) {
            let name = key.string ?? ""
            guard numeric.contains(name) else {
                throw PolicyError(file: file, line: key.mark?.line,
                                  "unknown threshold '\(name)' (known: \(numeric.sorted().joined(separator: ", ")))")
            }
            guard let number = value.string.flatMap(Double.init) else {
                throw PolicyError(file: file, line: value.mark?.line, "threshold \(name) must be a number")
            }
            merged[name] = number == number.rounded() ? NSNumber(value: Int64(number)) : NSNumber(value: number)
        }
        do {
            let data = try JSONSerialization.data(withJSONObject: merged)
            policy = try JSONDecoder().decode(Policy.self, from: data)
        } catch {
            throw PolicyError(file: file, line: node.mark?.line, "a threshold has the wrong type: \(error)")
        }
    }

    private func mapping(_ node: Node, _ what: String, _ file: String) throws(PolicyError) -> [(Node, Node)] {
        guard case .mapping(let mapping) = node else {
            throw PolicyError(file: file, line: node.mark?.line, "\(what) must be a mapping")
        }
        return mapping.map { ($0.key, $0.value) }
    }

    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
