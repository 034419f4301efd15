import Foundation
import ShipshapeCore
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

extension ProcessRunner: StreamingRunner {
    public func stream(_ command: Command, idleSeconds: Double, maxLineBytes: Int,
                       line: (UnsafeRawBufferPointer) -> StreamVerdict) async throws -> StreamEnd {
        let watchdog = IdleWatchdog(seconds: idleSeconds)
        let stopped = Mutex(false)
        let tooLong = Mutex<Int?>(nil)
        let result: ExecutionResult<Void, SequenceOutput, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(
                Self.executable(command), arguments: Arguments(command.arguments), environment: .custom(subprocessEnvironment(for: command)),
                platformOptions: Self.platformOptions, input: .none, output: .sequence, error: .string(limit: Self.stderrLimit)
            ) { execution in
                // A stream that goes silent past the limit is hung: its process group is killed,
                // which ends the output below, and the call reports a timeout.
                watchdog.arm { try? execution.send(signal: .kill, toProcessGroup: true) }
                defer { watchdog.disarm() }
                var splitter = LineSplitter(maxLineBytes: maxLineBytes)
                for try await chunk in execution.standardOutput {
                    watchdog.kick()
                    let more: Bool
                    do {
                        more = try chunk.withUnsafeBytes { bytes throws(LineSplitter.LineTooLong) in try splitter.feed(bytes, line: line) }
                    } catch let error as LineSplitter.LineTooLong {
                        tooLong.withLock { $0 = error.bytes }
                        more = false
                    }
                    if !more {
                        stopped.withLock { $0 = true }
                        await execution.teardown(using: Self.platformOptions.teardownSequence)
                        return
                    }
                }
                splitter.finish(line: line)
            }
        } catch let error as SubprocessError {
            throw Self.translate(error, command: command, limit: outputLimitBytes)
        }
        if Task.isCancelled { throw CancellationError() }
        if let bytes = tooLong.withLock({ $0 }) {
            throw RunError.outputTooLarge(command: command.displayLine, limitBytes: min(bytes, maxLineBytes))
        }
        if stopped.withLock({ $0 }) { return .stopped }
        if watchdog.fired { throw RunError.timedOut(command: command.displayLine, seconds: idleSeconds) }
        try Self.check(result.terminationStatus, stderr: result.standardError ?? "", command: command)
        return .exited
    }
}

/// Fires once when nothing has arrived for `seconds`; every arrival starts the wait again.
/// A dispatch timer, released when disarmed (see CallDeadline for why not a sleeping task).
final class IdleWatchdog: Sendable {
    let seconds: Double
    private let state = Mutex<(timer: DispatchSourceTimer?, fired: Bool)>((nil, false))

    init(seconds: Double) {
        self.seconds = seconds
    }

    func arm(_ onIdle: @escaping @Sendable () -> Void) {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.setEventHandler { [weak self] in
            self?.state.withLock { $0.fired = true }
            onIdle()
        }
        timer.schedule(deadline: .now() + seconds)
        state.withLock { $0.timer = timer }
        timer.activate()
    }

    func kick() {
        state.withLock { $0.timer?.schedule(deadline: .now() + seconds) }
    }

    func disarm() {
        state.withLock { $0.timer?.cancel(); $0.timer = nil }
    }

    var fired: Bool { state.withLock { $0.fired } }
}
