import ArgumentParser
import Foundation
import Engine

/// `shipshape snapshot > state.json`: one refresh's tool answers, secrets scrubbed,
/// for a ticket or a review with `shipshape --replay state.json`.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Write what one refresh read (secret values removed) as JSON to stdout.")

    @OptionGroup var source: AdapterSource

    func run() async throws {
        let recorder: RecordingRunner
        let adapter: any PlatformAdapter
        do {
            if let demo = source.demo {
                var made: RecordingRunner?
                adapter = try PlatformRegistry.demoAdapter(demo) { base in
                    let runner = RecordingRunner(base: base)
                    made = runner
                    return runner
                }
                recorder = made!
            } else {
                // Pinned as usual, then rebuilt around a recorder of the same runner.
                let plain = try await source.target.makeAdapter()
                recorder = RecordingRunner(base: plain.runner)
                adapter = try PlatformRegistry.adapter(for: plain.target, runner: recorder)
            }
        } catch {
            HeadlessSession.fail("cannot read the cluster: \(error)")
            throw ExitCode(2)
        }
        let state = await adapter.probe()
        let file = StateSnapshotFile(target: adapter.target, calls: recorder.recorded)
        FileHandle.standardOutput.write(file.encoded())
        FileHandle.standardOutput.write(Data("\n".utf8))
        for failure in state.failures { HeadlessSession.fail("could not read \(failure.message) (recorded as such)") }
    }
}
