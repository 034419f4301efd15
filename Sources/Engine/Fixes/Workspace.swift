import Foundation

/// Several clusters open side by side, each with its own `Session` (its own pinned target,
/// runner, rules and audit stamp). Refreshing probes them concurrently, then hands each
/// cluster what the others said about update windows, so DH-WINDOWS-OVERLAP stays a pure
/// rule over one `ClusterState`. With one session it behaves exactly like that session.
public struct Workspace: Sendable {
    public let sessions: [Session]

    /// - Precondition: at least one session.
    public init(sessions: [Session]) {
        precondition(!sessions.isEmpty, "a workspace needs at least one cluster")
        self.sessions = sessions
    }

    public init(session: Session) {
        self.init(sessions: [session])
    }

    public var targets: [Target] { sessions.map(\.target) }

    /// Probes every cluster at once (a refresh costs the slowest cluster, not the sum),
    /// then evaluates each with the others as peers.
    public func refreshAll() async -> [Snapshot] {
        await Self.refresh(adapters: sessions.map(\.adapter), engines: sessions.map(\.ruleEngine), records: sessions.map(\.records))
    }

    /// The same read and evaluation without sessions (no audit log): `shipshape check`.
    public static func check(_ adapters: [any PlatformAdapter], policy: Policy = .default, records: RecordStore? = nil) async -> [Snapshot] {
        await refresh(adapters: adapters, engines: adapters.map { RuleEngine(rules: RuleSet.rules(for: $0), policy: policy) },
                      records: adapters.map { _ in records })
    }

    static func refresh(adapters: [any PlatformAdapter], engines: [RuleEngine], records: [RecordStore?]) async -> [Snapshot] {
        let clock = ContinuousClock()
        let probed = await withTaskGroup(of: (Int, ClusterState, Duration).self) { group in
            for (index, adapter) in adapters.enumerated() {
                let store = index < records.count ? records[index] : nil
                group.addTask {
                    let start = clock.now
                    var state = await adapter.probe()
                    if let store { state.records = Session.loadRecords(store) }
                    return (index, state, clock.now - start)
                }
            }
            var results: [(Int, ClusterState, Duration)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        let states: [ClusterState?] = probed.map(\.1)
        let targets = adapters.map(\.target)
        let snapshots = probed.map { index, state, duration in
            evaluate(state, index: index, targets: targets, engine: engines[index], duration: duration, others: states)
        }
        // As `Session.refresh` does: the reads' buffers are gone, give their pages back.
        MemoryTrim.releaseFreePages()
        return snapshots
    }

    /// Refreshes one cluster, comparing it with the others' last known states (nil where unknown).
    public func refresh(_ index: Int, others: [ClusterState?]) async -> Snapshot {
        let clock = ContinuousClock()
        let start = clock.now
        var state = await sessions[index].adapter.probe()
        state.records = Session.loadRecords(sessions[index].records)
        return Self.evaluate(state, index: index, targets: targets, engine: sessions[index].ruleEngine,
                             duration: clock.now - start, others: others)
    }

    static func evaluate(_ state: ClusterState, index: Int, targets: [Target], engine: RuleEngine,
                         duration: Duration, others: [ClusterState?]) -> Snapshot {
        var state = state
        if case .loaded(var deckhouse) = state.deckhouse {
            deckhouse.peers = peers(excluding: index, in: others, targets: targets)
            state.deckhouse = .loaded(deckhouse)
        }
        return Snapshot(state: state, findings: engine.evaluate(state), duration: duration)
    }

    /// The other Deckhouse clusters, as peers for update-window comparison.
    static func peers(excluding index: Int, in states: [ClusterState?], targets: [Target]) -> [DeckhousePeer] {
        targets.indices.compactMap { other -> DeckhousePeer? in
            guard other != index, targets[other].platform == .deckhouse else { return nil }
            let state = other < states.count ? states[other] : nil
            return DeckhousePeer(name: targets[other].name, settings: state?.deckhouse.value?.settings.value)
        }
    }
}
