import Foundation
import ShipshapeCore
import ShipshapeRunner

/// `watch --exec CMD ARG…`: each alarm event goes to a command of the operator's (argv, never a
/// shell) as one JSON object on its standard input — a pager, a chat webhook, a ticket. Each run
/// is bounded in time; at most `concurrency` run at once and further alarms wait their turn (a
/// storm of them cannot fork-bomb the host). A failing hook is logged and never stops the watch.
public actor AlertHook {
    public let argv: [String]
    public let timeoutSeconds: Double
    public let concurrency: Int
    let runner: any CommandRunner
    let log: @Sendable (String) -> Void
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var tasks: [Task<Void, Never>] = []

    public init(argv: [String], runner: any CommandRunner, timeoutSeconds: Double = 10, concurrency: Int = 4,
                log: @escaping @Sendable (String) -> Void) {
        self.argv = argv
        self.runner = runner
        self.timeoutSeconds = timeoutSeconds
        self.concurrency = max(concurrency, 1)
        self.log = log
    }

    /// Hands the event to the hook in the background; returns at once.
    public func fire(_ event: WatchEvent) {
        guard let executable = argv.first else { return }
        let command = Command(executable, Array(argv.dropFirst()), timeoutSeconds: timeoutSeconds, input: Self.json(event) + [0x0A])
        tasks.removeAll { $0.isCancelled }
        tasks.append(Task { await self.run(command, for: event) })
    }

    private func run(_ command: Command, for event: WatchEvent) async {
        await acquire()
        defer { release() }
        do {
            _ = try await runner.run(command)
        } catch {
            log("alert hook \(command.displayLine) failed for \(event.kind.rawValue) \(event.subject): \(error)")
        }
    }

    private func acquire() async {
        if running < concurrency { running += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }

    /// Waits for every hook started so far (tests; a watch that is ending).
    public func drain() async {
        for task in tasks { await task.value }
        tasks.removeAll()
    }

    static func json(_ event: WatchEvent) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(event)) ?? Data())
    }
}
