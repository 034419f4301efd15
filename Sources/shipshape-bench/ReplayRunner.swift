import Engine
import Synchronization

/// Runs commands through another runner and keeps what each one answered, so the
/// same answers can be replayed without the tool: decoding is then timed alone.
final class RecordingRunner: CommandRunner {
    let inner: any CommandRunner
    private let recorded = Mutex<[[String]: CommandOutput]>([:])

    init(inner: any CommandRunner) {
        self.inner = inner
    }

    func run(_ command: Command) async throws(RunError) -> CommandOutput {
        let output = try await inner.run(command)
        recorded.withLock { $0[command.argv] = output }
        return output
    }

    /// Every command run so far, in a stable order.
    var commands: [[String]] {
        recorded.withLock { Array($0.keys) }.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
    }

    var replay: ReplayRunner { ReplayRunner(answers: recorded.withLock { $0 }) }
}

/// Answers each command with what a `RecordingRunner` saw, at once; an unknown
/// command fails as a missing binary would.
struct ReplayRunner: CommandRunner {
    let answers: [[String]: CommandOutput]

    func run(_ command: Command) async throws(RunError) -> CommandOutput {
        guard let output = answers[command.argv] else { throw .missingBinary(command.executable) }
        return output
    }

    var totalBytes: Int { answers.values.reduce(0) { $0 + $1.stdout.count } }
}
