import Synchronization

/// The last swarm the adapter read. Plans are made against it — the same state the
/// finding came from — so the planner can name the worker that will take the tasks
/// and check that worker live before anything runs.
final class SwarmLatestState: Sendable {
    private let state = Mutex<SwarmState?>(nil)

    var value: SwarmState? { state.withLock { $0 } }

    func store(_ value: SwarmState) {
        state.withLock { $0 = value }
    }
}
