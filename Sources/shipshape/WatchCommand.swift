import ArgumentParser
import Foundation
import Engine

/// `shipshape watch`: the console in watch mode, or with `--no-tui` the change
/// events as log lines (or JSON lines) for a file or a pager.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Keep re-reading the cluster and report what changes.")

    @OptionGroup var source: AdapterSource
    @OptionGroup var console: ConsoleOptions

    @Flag(name: .customLong("no-tui"), help: "Print events as lines instead of opening the console.")
    var noTUI = false

    @Flag(help: "With --no-tui: one JSON object per event.")
    var jsonl = false

    @MainActor
    func run() async throws {
        let audit = try console.openAuditLog()
        let policy = try console.policyOptions.load()
        guard noTUI else {
            var options = console
            options.watch = true
            let source = self.source
            if source.demo != nil {
                let session = Session(adapter: try await source.makeAdapter(), audit: audit, policy: policy)
                throw ExitCode(await ConsoleRunner.run(session: session, options: options))
            }
            let status: Int32
            do {
                // As the console: the screen opens before the target is pinned and detected.
                status = try await ConsoleRunner.run(startup: source.target.startupView, options: options) {
                    Workspace(session: Session(adapter: try await source.makeAdapter(), audit: audit, policy: policy))
                }
            } catch {
                HeadlessSession.fail("cannot read the cluster: \(error)")
                throw ExitCode(2)
            }
            throw ExitCode(status)
        }
        let adapter: any PlatformAdapter
        do { adapter = try await source.makeAdapter() } catch {
            HeadlessSession.fail("cannot read the cluster: \(error)")
            throw ExitCode(2)
        }
        let session = Session(adapter: adapter, audit: audit, policy: policy)
        TerminalSignals.exitOnInterrupt()
        let jsonl = self.jsonl
        await Watcher(session: session, interval: console.interval).run { events, snapshot, schedule in
            if events.isEmpty, schedule.consecutiveFailures == 1 {
                Self.emit(WatchEvent(time: Date(), target: session.target.name, kind: .probeFailed, subject: "refresh",
                                     text: "\(snapshot.state.failures.count) section(s) unreadable; backing off to \(Int(schedule.nextDelay))s"), jsonl: jsonl)
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
