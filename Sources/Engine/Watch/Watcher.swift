import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Headless watch: refresh every cluster of the workspace, diff each against its previous
/// snapshot, report, wait — one round at a time, never overlapping, backing off on failures.
/// Keeps only the previous snapshot of each cluster.
public struct Watcher: Sendable {
    public var workspace: Workspace
    public var interval: Double

    public init(workspace: Workspace, interval: Double) {
        self.workspace = workspace
        self.interval = interval
    }

    /// Runs until the task is cancelled (or `limit` rounds), calling `onEvents` after each
    /// round with what changed (every cluster's events), the snapshots and the schedule.
    public func run(limit: Int? = nil, onEvents: @Sendable ([WatchEvent], [Snapshot], WatchSchedule) async -> Void) async {
        var schedule = WatchSchedule(interval: interval)
        var previous: [Snapshot]?
        var count = 0
        while !Task.isCancelled {
            let snapshots = await Refresher.refreshAll(workspace, parallel: workspace.parallel, previous: previous?.map(\.state) ?? [])
            schedule.record(success: snapshots.allSatisfy { $0.state.failures.isEmpty })
            var events: [WatchEvent] = []
            if let previous {
                for (index, snapshot) in snapshots.enumerated() where index < previous.count {
                    events += StateDiffer.events(from: previous[index], to: snapshot, platform: workspace.sessions[index].plugin)
                }
            }
            await onEvents(events, snapshots, schedule)
            previous = snapshots
            count += 1
            if let limit, count >= limit { return }
            try? await Task.sleep(for: .milliseconds(Int(schedule.nextDelay * 1000)))
        }
    }
}
