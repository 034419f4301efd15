import Foundation
import ShipshapeCore
import PlatformKit
import ShipshapeRunner

/// Turns two consecutive snapshots into events. Pure: tested with plain values.
/// Only what an operator would want in a log — no event when nothing changed.
public enum StateDiffer {
    /// - Parameter platform: adds what the platform itself calls a change (nodes, members).
    public static func events(from old: Snapshot, to new: Snapshot, platform: (any PlatformPlugin)?, at time: Date = Date()) -> [WatchEvent] {
        let target = new.state.target.kube?.context ?? new.state.target.name
        func event(_ kind: WatchEvent.Kind, _ subject: String, _ text: String, _ severity: Severity? = nil) -> WatchEvent {
            WatchEvent(time: time, target: target, kind: kind, subject: subject, text: text, severity: severity)
        }
        var events = platform?.events(from: old.state, to: new.state, at: time) ?? []
        events += probeEvents(old.state.failures, new.state.failures, event)
        events += findingEvents(old.findings, new.findings, event)
        return events
    }

    /// What the first read says before there is anything to compare with: the sections it could
    /// not read (a watch started against a cluster that forbids its nodes must say so at once).
    public static func initialEvents(_ first: Snapshot, at time: Date = Date()) -> [WatchEvent] {
        let target = first.state.target.kube?.context ?? first.state.target.name
        return probeEvents([], first.state.failures) { kind, subject, text, severity in
            WatchEvent(time: time, target: target, kind: kind, subject: subject, text: text, severity: severity)
        }
    }

    typealias Make = (WatchEvent.Kind, String, String, Severity?) -> WatchEvent

    static func probeEvents(_ old: [ProbeError], _ new: [ProbeError], _ make: Make) -> [WatchEvent] {
        let before = Set(old.map(\.message)), after = Set(new.map(\.message))
        return new.filter { !before.contains($0.message) }.map { make(.probeFailed, $0.kind.rawValue, $0.message, nil) }
            + old.filter { !after.contains($0.message) }.map { make(.probeRecovered, $0.kind.rawValue, "reads again: \($0.message)", nil) }
    }

    static func findingEvents(_ old: [Finding], _ new: [Finding], _ make: Make) -> [WatchEvent] {
        let before = Set(old.filter(\.isOpenFailure).map(\.id))
        let after = Set(new.filter(\.isOpenFailure).map(\.id))
        let appeared = new.filter { $0.isOpenFailure && !before.contains($0.id) }
            .map { make(.findingAppeared, $0.subject, "\($0.rule.id): \($0.message)", $0.severity) }
        let cleared = old.filter { $0.isOpenFailure && !after.contains($0.id) }
            .map { make(.findingCleared, $0.subject, "\($0.rule.id) cleared", $0.severity) }
        return appeared + cleared
    }
}
