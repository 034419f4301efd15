import ArgumentParser
import Foundation
import ShipshapeCore
import Engine

/// `shipshape watch`: the console in watch mode, or with `--no-tui` the change
/// events as log lines (or JSON lines) for a file or a pager.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Keep re-reading the cluster and report what changes.")

    @OptionGroup var source: ClusterSource
    @OptionGroup var console: ConsoleOptions

    @Flag(name: .customLong("no-tui"), help: "Print events as lines instead of opening the console.")
    var noTUI = false

    @Flag(help: "With --no-tui: one JSON object per event.")
    var jsonl = false

    @MainActor
    func run() async throws {
        let audit = try console.openAuditLog()
        let policy = try console.policyOptions.load()
        let source = self.source
        guard noTUI else {
            var options = console
            options.watch = true
            let status: Int32
            do {
                // As the console: the screen opens before the clusters are pinned and detected.
                status = try await ConsoleRunner.run(startup: source.startupView, options: options) {
                    let (sessions, parallel) = try await source.sessions(audit: audit, policy: policy, refuseWhenNonePinned: true)
                    return Workspace(sessions: sessions, parallel: parallel)
                }
            } catch {
                HeadlessSession.fail("cannot read the cluster: \(error)")
                throw ExitCode(2)
            }
            throw ExitCode(status)
        }
        let workspace: Workspace
        do {
            let (sessions, parallel) = try await source.sessions(audit: audit, policy: policy, refuseWhenNonePinned: true)
            workspace = Workspace(sessions: sessions, parallel: parallel)
        } catch {
            HeadlessSession.fail("cannot read the cluster: \(error)")
            throw ExitCode(2)
        }
        TerminalSignals.exitOnInterrupt()
        let jsonl = self.jsonl
        await Watcher(workspace: workspace, interval: console.interval).run { events, snapshots, schedule in
            if events.isEmpty, schedule.consecutiveFailures == 1 {
                for snapshot in snapshots where !snapshot.state.failures.isEmpty {
                    Self.emit(WatchEvent(time: Date(), target: snapshot.state.target.name, kind: .probeFailed, subject: "refresh",
                                         text: "\(snapshot.state.failures.count) section(s) unreadable; backing off to \(Int(schedule.nextDelay))s"), jsonl: jsonl)
                }
            }
            for event in events { Self.emit(event, jsonl: jsonl) }
        }
    }

    static func emit(_ event: WatchEvent, jsonl: Bool) {
        if jsonl {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Written straight to the descriptor: a log reader sees each event at once.
            FileHandle.standardOutput.write((try? encoder.encode(event)) ?? Data())
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data((event.line + "\n").utf8))
        }
    }
}

/// Headless commands have no terminal to restore: SIGINT/SIGTERM simply end them.
enum TerminalSignals {
    static func exitOnInterrupt() {
        signal(SIGINT) { _ in _exit(130) }
        signal(SIGTERM) { _ in _exit(143) }
    }
}
