import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit

/// The one way a cluster is refreshed, for the console, `watch`, `check` and a fix's
/// verification alike: probe → the console's records → what the rest of the estate says
/// (peers) → rules → `Snapshot`; then the refresh's buffers go back to the system.
public enum Refresher {
    /// Probes one cluster and evaluates it against `others` (the rest of the estate as last known).
    public static func refresh(_ session: Session, others: [ClusterView]) async -> Snapshot {
        let (state, duration) = await probe(session)
        let snapshot = evaluate(state, session: session, others: others, duration: duration)
        // The refresh's buffers are gone now; give their pages back so memory between
        // refreshes stays flat (see MemoryTrim).
        MemoryTrim.releaseFreePages()
        return snapshot
    }

    static func probe(_ session: Session) async -> (ClusterState, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        var state = await session.adapter.probe()
        state.records = Session.loadRecords(session.records)
        return (state, clock.now - start)
    }

    static func evaluate(_ state: ClusterState, session: Session, others: [ClusterView], duration: Duration) -> Snapshot {
        let joined = session.plugin.joinEstate(state, others: others)
        return Snapshot(state: joined, findings: session.ruleEngine.evaluate(joined, now: joined.readAt), duration: duration)
    }

    /// Every cluster of the workspace, at most `parallel` read at once (one that hangs holds
    /// only its own slot, until its tools time out). `landed` hears of each cluster as soon as it
    /// is read, judged against the others as known at that moment; the result is every
    /// cluster judged again once all are read, so cross-cluster rules see the same round.
    public static func refreshAll(_ workspace: Workspace, parallel: Int = 8, previous: [ClusterState?] = [],
                                  landed: @Sendable (Int, Snapshot) async -> Void = { _, _ in }) async -> [Snapshot] {
        let sessions = workspace.sessions
        let bound = max(parallel, 1)
        var states: [ClusterState?] = sessions.indices.map { $0 < previous.count ? previous[$0] : nil }
        var durations = Array(repeating: Duration.zero, count: sessions.count)
        await withTaskGroup(of: (Int, ClusterState, Duration).self) { group in
            var next = 0
            func start() {
                guard next < sessions.count else { return }
                let index = next, session = sessions[index]
                next += 1
                group.addTask { let (state, duration) = await probe(session); return (index, state, duration) }
            }
            for _ in 0..<min(bound, sessions.count) { start() }
            for await (index, state, duration) in group {
                states[index] = state
                durations[index] = duration
                let others = views(of: workspace, states: states, excluding: index)
                await landed(index, evaluate(state, session: sessions[index], others: others, duration: duration))
                start()
            }
        }
        let snapshots = sessions.indices.map { index in
            evaluate(states[index]!, session: sessions[index], others: views(of: workspace, states: states, excluding: index),
                     duration: durations[index])
        }
        MemoryTrim.releaseFreePages()
        return snapshots
    }

    static func views(of workspace: Workspace, states: [ClusterState?], excluding index: Int) -> [ClusterView] {
        workspace.sessions.indices.filter { $0 != index }.map { other in
            ClusterView(target: workspace.sessions[other].target, state: states[other])
        }
    }
}

extension Refresher {
    /// For front ends that drop a round's snapshots themselves (the console keeps one per
    /// cluster): give the freed pages back too.
    public static func releaseFreePages() { MemoryTrim.releaseFreePages() }
}
