import Foundation

/// An accepted failure: one rule on one named object, with the reason an operator
/// gave and an optional expiry after which the finding counts again.
public struct Suppression: Sendable, Hashable, Codable {
    public var rule: String
    /// The finding's subject (e.g. `deis/deis-router`, a node name); `*` for all.
    public var object: String
    public var reason: String
    public var expires: Date?

    public init(rule: String, object: String, reason: String, expires: Date? = nil) {
        self.rule = rule
        self.object = object
        self.reason = reason
        self.expires = expires
    }

    public func matches(_ finding: Finding, now: Date) -> Bool {
        guard finding.rule.id == rule, object == "*" || finding.subject == object else { return false }
        return expires.map { now < $0 } ?? true
    }
}
