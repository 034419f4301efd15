import ShipshapeCore
/// Answers tool calls from a recording: the console opens on a snapshot exactly as
/// it saw the cluster, and anything not recorded (a fix, say) fails plainly.
public struct ReplayRunner: CommandRunner {
    let answers: [[String]: RecordedCall]

    public init(calls: [RecordedCall]) {
        answers = Dictionary(calls.map { ($0.argv, $0) }, uniquingKeysWith: { _, last in last })
    }

    public func run(_ command: Command) async throws(RunError) -> CommandOutput {
        guard let call = answers[command.argv] else {
            throw .nonZeroExit(command: command.displayLine, status: 1, stderr: "error: not recorded in this snapshot (replays are read-only)")
        }
        if let error = call.error { throw error }
        return CommandOutput(stdout: call.stdout ?? [])
    }
}
