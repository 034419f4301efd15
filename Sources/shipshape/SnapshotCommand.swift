import ArgumentParser
import Foundation
import ShipshapeCore
import ShipshapeRunner
import ShipshapePlatforms
import Engine
import PlatformKit

/// `shipshape snapshot > state.json`: one refresh's tool answers, secrets scrubbed, for a
/// ticket or a review with `shipshape --replay state.json`. One cluster writes one snapshot
/// object; several (an estate) write a JSON array of them.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Write what one refresh read (secret values removed) as JSON to stdout.")

    @OptionGroup var source: ClusterSource

    func run() async throws {
        let registry = PlatformRegistry.standard
        var recorded: [(any PlatformAdapter, RecordingRunner)] = []
        do {
            let audit = try AuditLog(path: FileManager.default.temporaryDirectory.appendingPathComponent("shipshape-snapshot-\(getpid()).jsonl").path)
            let (sessions, _) = try await source.sessions(audit: audit, policy: .default)
            for session in sessions {
                if let reason = session.unpinnedReason {
                    HeadlessSession.fail("\(session.target.name): not recorded: \(reason)")
                    continue
                }
                // Pinned as usual, then rebuilt around a recorder of the same runner.
                let recorder = RecordingRunner(base: session.adapter.runner)
                recorded.append((try registry.adapter(for: session.target, runner: recorder), recorder))
            }
        } catch {
            HeadlessSession.fail("cannot read the cluster: \(error)")
            throw ExitCode(2)
        }
        guard !recorded.isEmpty else { throw ExitCode(2) }
        var files: [StateSnapshotFile] = []
        for (adapter, recorder) in recorded {
            let state = await adapter.probe()
            files.append(StateSnapshotFile(target: adapter.target, calls: recorder.recorded))
            for failure in state.failures { HeadlessSession.fail("\(adapter.target.name): could not read \(failure.message) (recorded as such)") }
        }
        FileHandle.standardOutput.write(files.count == 1 ? files[0].encoded() : StateSnapshotFile.encoded(files))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
