import Foundation
import ShipshapeCore
import Synchronization

/// Runs an operation against a deadline: when it passes, the operation's task is cancelled
/// (for a tool call, swift-subprocess then tears the process down) and `timedOut` is true.
///
/// A dispatch timer rather than a racing `Task.sleep`: a cancelled sleep keeps its timer,
/// about 700 bytes, until its deadline would have passed, so with seven reads a refresh and
/// a 60 s timeout the heap held thousands of dead timers at once (scripts/bench, the
/// `spawn` and `memory` figures). A cancelled dispatch timer is released at once.
struct CallDeadline: Sendable {
    let seconds: Double

    /// The operation's result, and whether the deadline cut it short. A cancellation of the
    /// caller is passed on to the operation.
    func run<R: Sendable>(_ operation: @escaping @Sendable () async throws -> R) async -> (result: Result<R, any Error>, timedOut: Bool) {
        let task = Task { try await operation() }
        let fired = Mutex(false)
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.setEventHandler {
            fired.withLock { $0 = true }
            task.cancel()
        }
        timer.schedule(deadline: .now() + seconds)
        timer.activate()
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
        timer.cancel()
        return (result, fired.withLock { $0 })
    }
}
