import ArgumentParser
import Foundation
import ShipshapeCore
import ShipshapeRunner
import PaneKit
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

    @Flag(help: "With --no-tui: read every cluster whole every --interval instead of following its change streams.")
    var poll = false

    @Option(help: "Seconds between full re-reads while following change streams (the safety net; 0 turns it off).")
    var resync: Double = 600

    @Option(name: .customLong("exec-timeout"), help: "Seconds an --exec hook may run.")
    var execTimeout: Double = 10

    @Option(name: .customLong("exec-concurrency"), help: "--exec hooks running at once; further alarms wait.")
    var execConcurrency: Int = 4

    @Option(name: .customLong("exec"), parsing: .remaining,
            help: "With --no-tui, last: run CMD ARG… (argv, no shell) for each alarm event, the event as JSON on its stdin.")
    var exec: [String] = []

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
        let jsonl = self.jsonl
        let hook = exec.isEmpty ? nil : AlertHook(argv: exec, runner: ProcessRunner(defaultTimeoutSeconds: 10), timeoutSeconds: execTimeout,
                                                  concurrency: execConcurrency) { HeadlessSession.fail($0) }
        let interval = console.interval, resync = self.resync, poll = self.poll
        // SIGINT/SIGTERM end the watch, not the process: every stream's tool is stopped first.
        let status = await HeadlessSignals.run {
            if poll {
                await Self.poll(workspace, interval: interval, jsonl: jsonl, hook: hook)
            } else {
                await Self.stream(workspace, interval: interval, resync: resync, jsonl: jsonl, hook: hook)
            }
        }
        await hook?.drain()
        throw ExitCode(status)
    }

    /// Each cluster followed by its own change streams; events printed as they come.
    static func stream(_ workspace: Workspace, interval: Double, resync: Double, jsonl: Bool, hook: AlertHook?) async {
        let estate = EstateViews(count: workspace.sessions.count)
        await withTaskGroup(of: Void.self) { group in
            for (index, session) in workspace.sessions.enumerated() {
                group.addTask {
                    let watch = ClusterWatch(session: session, interval: interval, resyncSeconds: resync) { await estate.others(than: index) }
                    await watch.run { delivery in
                        await estate.set(index, ClusterView(target: session.target, state: delivery.snapshot.state, findings: delivery.snapshot.findings))
                        for event in delivery.events {
                            emit(event, jsonl: jsonl)
                            if event.isAlarming { await hook?.fire(event) }
                        }
                    }
                }
            }
        }
    }

    /// `--poll`: every cluster read whole every interval (how watch worked before streams; kept
    /// for clusters whose API servers refuse long watches, and for comparison).
    static func poll(_ workspace: Workspace, interval: Double, jsonl: Bool, hook: AlertHook?) async {
        await Watcher(workspace: workspace, interval: interval).run { events, snapshots, schedule in
            if events.isEmpty, schedule.consecutiveFailures == 1 {
                for snapshot in snapshots where !snapshot.state.failures.isEmpty {
                    emit(WatchEvent(time: Date(), target: snapshot.state.target.name, kind: .probeFailed, subject: "refresh",
                                    text: "\(snapshot.state.failures.count) section(s) unreadable; backing off to \(Int(schedule.nextDelay))s"), jsonl: jsonl)
                }
            }
            for event in events {
                emit(event, jsonl: jsonl)
                if event.isAlarming { await hook?.fire(event) }
            }
        }
    }

    /// One event, one line, one write under a lock: several clusters' watches emit at once, and
    /// two writes per line from two of them interleave into a line no reader can parse.
    static func emit(_ event: WatchEvent, jsonl: Bool) {
        var line: Data
        if jsonl {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            line = (try? encoder.encode(event)) ?? Data()
        } else {
            line = Data(event.line.utf8)
        }
        line.append(0x0A)
        // Written straight to the descriptor: a log reader sees each event at once.
        outputLock.withLock { FileHandle.standardOutput.write(line) }
    }

    static let outputLock = NSLock()
}

/// Headless commands have no terminal to restore, but they may own long-lived tools (watch
/// streams): SIGINT/SIGTERM cancel the work, which stops those tools, and then the process exits
/// 130/143.
enum HeadlessSignals {
    static func run(_ body: @escaping @Sendable () async -> Void) async -> Int32 {
        let task = Task { await body() }
        let caught = SignalCatcher(task: task)
        await task.value
        return caught.status
    }
}

/// Turns SIGINT/SIGTERM into a cancellation of `task`.
final class SignalCatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: Int32 = 0

    init(task: Task<Void, Never>) {
        for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                self?.lock.withLock { if self?.received == 0 { self?.received = status } }
                task.cancel()
            }
            source.activate()
            sources.append(source)
        }
    }

    var status: Int32 { lock.withLock { received } }
}
