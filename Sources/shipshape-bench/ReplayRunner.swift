import Engine
import Synchronization
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import KubernetesRules
import KubernetesKit
import KubernetesPanes
import WorkflowRules
import WorkflowPlatform
import ShipshapePlatforms

/// Runs commands through another runner and keeps what each one answered, so the
/// same answers can be replayed without the tool: decoding is then timed alone.
final class RecordingRunner: CommandRunner {
    let inner: any CommandRunner
    private let recorded = Mutex<[[String]: CommandOutput]>([:])

    init(inner: any CommandRunner) {
        self.inner = inner
    }

    private let failed = Mutex<Set<[String]>>([])

    func run(_ command: Command) async throws(RunError) -> CommandOutput {
        do {
            let output = try await inner.run(command)
            recorded.withLock { $0[command.argv] = output }
            return output
        } catch {
            // A read the probe tolerates (a resource the server does not serve) still costs a
            // kubectl process: it belongs in the bare run too.
            failed.withLock { _ = $0.insert(command.argv) }
            throw error
        }
    }

    /// Every command run so far, answered or not, in a stable order.
    var commands: [[String]] {
        (recorded.withLock { Array($0.keys) } + failedCommands).sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
    }

    /// The commands that failed (their bare runs are expected to fail the same way).
    var failedCommands: [[String]] { failed.withLock { Array($0) } }

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
