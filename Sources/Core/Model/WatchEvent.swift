import Foundation

/// Something that changed between two consecutive refreshes.
public struct WatchEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case nodeNotReady = "node-not-ready", nodeReady = "node-ready", nodeAdded = "node-added", nodeRemoved = "node-removed"
        case replicasChanged = "replicas-changed"
        case findingAppeared = "finding-appeared", findingCleared = "finding-cleared"
        case probeFailed = "probe-failed", probeRecovered = "probe-recovered"
        case memberLost = "member-lost", memberBack = "member-back", leaderChanged = "leader-changed"
        /// A change stream started, broke, reconnected, re-listed, or is polled instead.
        case watchStatus = "watch-status"
    }

    public var time: Date
    public var target: String
    public var kind: Kind
    public var subject: String
    public var text: String
    /// For finding events: the rule's severity (drives the optional bell).
    public var severity: Severity?

    public init(time: Date, target: String, kind: Kind, subject: String, text: String, severity: Severity? = nil) {
        self.time = time
        self.target = target
        self.kind = kind
        self.subject = Sanitizer.line(subject)
        self.text = Sanitizer.line(text, maxLength: 400)
        self.severity = severity
    }

    /// Worth waking someone for: a node or member lost, or a new error-level finding.
    public var isAlarming: Bool {
        switch kind {
        case .nodeNotReady, .memberLost, .probeFailed: return true
        case .findingAppeared: return (severity ?? .info) >= .error
        default: return false
        }
    }

    /// One log line: `2026-11-25T03:12:09Z ctx replicas-changed deis/deis-router 1 → 2`.
    public var line: String {
        let formatter = ISO8601DateFormatter()
        return "\(formatter.string(from: time)) \(target) \(kind.rawValue) \(subject): \(text)"
    }
}

extension WatchEvent {
    /// Builds events of one target at one time: what a platform's diff calls per change.
    public typealias Make = (WatchEvent.Kind, _ subject: String, _ text: String, Severity?) -> WatchEvent

    public static func maker(for state: ClusterState, at time: Date) -> Make {
        let target = state.target.kube?.context ?? state.target.name
        return { kind, subject, text, severity in
            WatchEvent(time: time, target: target, kind: kind, subject: subject, text: text, severity: severity)
        }
    }
}
