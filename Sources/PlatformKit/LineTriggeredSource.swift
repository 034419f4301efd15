import Synchronization
import ShipshapeCore
import ShipshapeRunner

/// A stream whose lines only say "something changed" (`etcdctl watch`, `docker events`): each
/// line (or a burst of them) triggers a targeted re-read. Reconnects with backoff when the tool
/// dies; polls where the runner cannot stream.
public struct LineTriggeredSource: WatchSource {
    public let name: String
    let command: Command
    let runner: any CommandRunner
    let interval: Double
    let idleSeconds: Double
    /// Which re-read a line calls for (nil: none — a line that is not a change).
    let classify: @Sendable (UnsafeRawBufferPointer) -> String?
    let reread: @Sendable (String) async -> StateChange

    public init(name: String, command: Command, runner: any CommandRunner, interval: Double, idleSeconds: Double = .infinity,
                classify: @escaping @Sendable (UnsafeRawBufferPointer) -> String? = { _ in "" },
                reread: @escaping @Sendable (String) async -> StateChange) {
        self.name = name
        self.command = command
        self.runner = runner
        self.interval = interval
        self.idleSeconds = idleSeconds
        self.classify = classify
        self.reread = reread
    }

    public init(name: String, command: Command, runner: any CommandRunner, interval: Double,
                reread: @escaping @Sendable () async -> StateChange) {
        self.init(name: name, command: command, runner: runner, interval: interval, reread: { _ in await reread() })
    }

    public func follow(from state: ClusterState, report: @escaping @Sendable (WatchReport) async -> Void) async {
        guard let streamer = runner as? any StreamingRunner else {
            await PollingSource(name: name, interval: interval, reason: "no stream from this runner") { await reread("") }
                .follow(from: state, report: report)
            return
        }
        var backoff = Backoff()
        while !Task.isCancelled {
            await report(.status(WatchSourceStatus(source: name, kind: .streaming)))
            // A burst of lines (a service scaled: dozens of container events) makes one re-read
            // of each part it touched, not one per line.
            let dirty = Mutex<Set<String>>([])
            let (wakeups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let reread = self.reread
            let forwarder = Task {
                for await _ in wakeups {
                    let parts = dirty.withLock { parts in defer { parts.removeAll() }; return parts }
                    for what in parts.sorted() { await report(.change(await reread(what))) }
                }
            }
            let classify = self.classify
            var failure = "the stream ended"
            do {
                _ = try await streamer.stream(command, idleSeconds: idleSeconds, maxLineBytes: 16 << 20) { line in
                    if let what = classify(line), dirty.withLock({ $0.insert(what).inserted }) { continuation.yield() }
                    return .more
                }
                backoff.reset()
            } catch let error as RunError {
                failure = ProbeError.from(error, what: name).message
            } catch {
                continuation.finish()
                await forwarder.value
                return   // cancelled
            }
            continuation.finish()
            await forwarder.value
            if Task.isCancelled { return }
            let wait = backoff.next()
            await report(.status(WatchSourceStatus(source: name, kind: .reconnecting, detail: "\(failure); again in \(wait)s")))
            try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
        }
    }
}
