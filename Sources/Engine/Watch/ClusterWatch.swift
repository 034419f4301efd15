import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit

/// Keeps one cluster current from its change streams, the way Kubernetes informers do: one
/// full read, then each source's stream (`kubectl … ?watch=1`, `docker events`, `etcdctl
/// watch`, polls where a tool has none) updates the state; the rules run on the new state and
/// the snapshot goes out with what changed. A slow full resync is the safety net. A platform
/// with no sources is simply read again every interval.
public actor ClusterWatch {
    public let session: Session
    public let interval: Double
    /// Seconds between full re-reads while streaming; 0 turns them off.
    public let resyncSeconds: Double
    /// The rest of the estate as last known, for cross-cluster rules.
    let others: @Sendable () async -> [ClusterView]

    private var state: ClusterState?
    private var last: Snapshot?
    private var statuses: [String: WatchSourceStatus] = [:]
    private var pendingEvaluation = false
    private var changes = 0
    private var deliver: (@Sendable (WatchDelivery) async -> Void)?

    public init(session: Session, interval: Double, resyncSeconds: Double = 600,
                others: @escaping @Sendable () async -> [ClusterView] = { [] }) {
        self.session = session
        self.interval = max(interval, 0.5)
        self.resyncSeconds = resyncSeconds
        self.others = others
    }

    /// Runs until the task is cancelled (every stream's tool is stopped then). `deliver` hears of
    /// every new snapshot, with the events since the previous one and the sources' health.
    public func run(initial: Snapshot? = nil, deliver: @escaping @Sendable (WatchDelivery) async -> Void) async {
        self.deliver = deliver
        var first = initial
        while !Task.isCancelled {
            let snapshot: Snapshot
            if let given = first { snapshot = given; first = nil } else { snapshot = await Refresher.refresh(session, others: await others()) }
            await publish(snapshot, reason: "read")
            let sources = session.plugin.watchSources(for: session.adapter, interval: interval)
            if sources.isEmpty {
                // No stream at all: the whole cluster again every interval (with the backoff the
                // schedule gives a sick cluster).
                var schedule = WatchSchedule(interval: interval)
                schedule.record(success: snapshot.state.failures.isEmpty)
                try? await Task.sleep(for: .milliseconds(Int(schedule.nextDelay * 1000)))
                continue
            }
            await follow(sources, from: snapshot.state)
        }
    }

    /// Follows every source until the resync is due (or the task is cancelled).
    private func follow(_ sources: [any WatchSource], from state: ClusterState) async {
        let resync = resyncSeconds
        await withTaskGroup(of: Void.self) { group in
            for source in sources {
                group.addTask { await source.follow(from: state) { [weak self] report in await self?.receive(report) } }
            }
            if resync > 0 {
                group.addTask { try? await Task.sleep(for: .milliseconds(Int(resync * 1000))) }
                // The first to finish is the resync timer (sources never return): stop the streams.
                _ = await group.next()
                group.cancelAll()
            }
            await group.waitForAll()
        }
    }

    private func receive(_ report: WatchReport) async {
        switch report {
        case .change(let change):
            guard var current = state else { return }
            change.apply(&current)
            current.readAt = Date()
            state = current
            changes += 1
            scheduleEvaluation()
        case .status(let status):
            let previous = statuses[status.source]
            statuses[status.source] = status
            guard previous != status, let snapshot = last else { return }
            let event = WatchEvent(time: Date(), target: session.target.kube?.context ?? session.target.name, kind: .watchStatus,
                                   subject: status.source, text: status.kind.rawValue + (status.detail.isEmpty ? "" : ": \(status.detail)"))
            await deliver?(WatchDelivery(snapshot: snapshot, events: [event], statuses: Array(statuses.values)))
        }
    }

    /// Changes arriving together (a burst of node events) are judged once: the rules run a
    /// moment after the first, on everything that arrived meanwhile.
    private func scheduleEvaluation() {
        guard !pendingEvaluation else { return }
        pendingEvaluation = true
        Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(20))
            await self?.evaluate()
        }
    }

    private func evaluate() async {
        pendingEvaluation = false
        guard var current = state else { return }
        // The console's own records change with fixes and drills taken meanwhile.
        current.records = Session.loadRecords(session.records)
        let snapshot = Refresher.evaluate(current, session: session, others: await others(), duration: .zero)
        await publish(snapshot, reason: "stream")
    }

    private func publish(_ snapshot: Snapshot, reason: String) async {
        let events = last.map { StateDiffer.events(from: $0, to: snapshot, platform: session.plugin) } ?? StateDiffer.initialEvents(snapshot)
        last = snapshot
        state = snapshot.state
        await deliver?(WatchDelivery(snapshot: snapshot, events: events, statuses: Array(statuses.values)))
    }

    /// How many changes the streams delivered so far (tests, the benchmark).
    public var changeCount: Int { changes }
}

/// What the watch hands on after a change.
public struct WatchDelivery: Sendable {
    public var snapshot: Snapshot
    public var events: [WatchEvent]
    /// Every source's health (empty for a cluster read whole every interval).
    public var statuses: [WatchSourceStatus]
}
