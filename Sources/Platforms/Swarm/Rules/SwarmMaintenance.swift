import Foundation
import ShipshapeCore

/// Where a node stands in the console's maintenance flow (drain → the operator reboots → the
/// node comes back Ready → activate), read from the records and the node events the pinned
/// manager remembers. Pure: SWARM-REBOOT and the activate plan read the same answer.
public struct SwarmMaintenance: Sendable, Equatable {
    /// What the events show of the node leaving the swarm and coming back after the drain.
    public struct Return: Sendable, Equatable {
        public var leftAt: Date?
        public var backAt: Date
        public var text: String
    }

    /// The latest completed reboot on record.
    public var lastReboot: MaintenanceRecord?
    /// The drain of a flow not yet closed by an activate, if there is one.
    public var openDrain: MaintenanceRecord?
    /// Set when the events show the node left and came back after `openDrain`.
    public var returned: Return?

    /// Daemon clocks and this machine's differ a little: when the manager no longer holds the
    /// drain's own event, events up to this long before the recorded drain count as after it.
    public static let clockSlack: TimeInterval = 300

    public init(node: SwarmNode, records: ConsoleRecords, target: String, events: [SwarmNodeEvent]) {
        let steps = records.maintenance(for: target, node: node.id)
        lastReboot = steps.last { $0.action == MaintenanceRecord.Action.reboot }
        if let last = steps.last, last.action == MaintenanceRecord.Action.drain {
            openDrain = last
            returned = Self.returned(node, after: Self.drainTime(of: node, recorded: last.at, events: events), events: events)
        }
    }

    /// When the drain happened by the daemon's own clock: its `availability → drain` event, the
    /// last one up to the recorded time (with slack). A manager that restarted since no longer
    /// has it; then the recorded time, less the slack, stands in.
    static func drainTime(of node: SwarmNode, recorded: Date, events: [SwarmNodeEvent]) -> Date {
        events.filter { $0.nodeID == node.id && $0.availabilityNew == "drain" && $0.time <= recorded.addingTimeInterval(clockSlack) }
            .map(\.time).max() ?? recorded.addingTimeInterval(-clockSlack)
    }

    /// A departure caused by the node itself (`down` after missed heartbeats, `disconnected`)
    /// followed by `ready`; for the pinned manager, whose own restart wipes the events it held,
    /// the `unknown → ready` it logs for itself when it starts again.
    static func returned(_ node: SwarmNode, after start: Date, events: [SwarmNodeEvent]) -> Return? {
        let mine = events.filter { $0.nodeID == node.id && $0.time > start }.sorted { $0.time < $1.time }
        var left: SwarmNodeEvent?
        for event in mine {
            if let new = event.stateNew, ["down", "disconnected"].contains(new) {
                left = left ?? event
            } else if event.stateNew == "ready" {
                if let left {
                    return Return(leftAt: left.time, backAt: event.time,
                                  text: "\(left.stateNew ?? "down") at \(Self.clock(left.time)), Ready again at \(Self.clock(event.time))")
                }
                if node.isSelf, event.stateOld == "unknown" {
                    return Return(leftAt: nil, backAt: event.time,
                                  text: "the pinned manager started again at \(Self.clock(event.time)) (its events before that are gone)")
                }
            }
        }
        return nil
    }

    public static func clock(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
