import Foundation

/// Headless watch: refresh, diff, report, wait — one refresh at a time, never
/// overlapping, backing off on failures. Keeps only the previous snapshot.
public struct Watcher: Sendable {
    public var session: Session
    public var interval: Double

    public init(session: Session, interval: Double) {
        self.session = session
        self.interval = interval
    }

    /// Runs until the task is cancelled (or `limit` refreshes), calling `onEvents`
    /// after each refresh with what changed and the schedule in force.
    public func run(limit: Int? = nil, onEvents: @Sendable ([WatchEvent], Snapshot, WatchSchedule) async -> Void) async {
        var schedule = WatchSchedule(interval: interval)
        var previous: Snapshot?
        var count = 0
        while !Task.isCancelled {
            let snapshot = await session.refresh()
            schedule.record(success: snapshot.state.failures.isEmpty)
            let events = previous.map { StateDiffer.events(from: $0, to: snapshot) } ?? []
            await onEvents(events, snapshot, schedule)
            previous = snapshot
            count += 1
            if let limit, count >= limit { return }
            try? await Task.sleep(for: .milliseconds(Int(schedule.nextDelay * 1000)))
        }
    }
}
