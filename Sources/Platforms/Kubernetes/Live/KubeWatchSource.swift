import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules

/// LIST then WATCH for one Kubernetes resource, through the pinned kubectl:
/// `kubectl get --raw 'PATH?watch=1&resourceVersion=RV&allowWatchBookmarks=true'` — one
/// long-lived kubectl whose newline-delimited events are decoded as they arrive. Bookmarks move
/// the version on; `410 Gone`/`Expired` means one re-list; a broken or silent stream reconnects
/// from the last version with backoff. Where the runner cannot stream (the demo sandbox), the
/// section is read again every interval.
public struct KubeWatchSource: WatchSource {
    public let name: String
    let kube: KubeTarget
    let runner: any CommandRunner
    /// The list path, with its own query (label selectors) if any.
    let path: String
    /// A stream quiet for longer than this is hung (servers send bookmarks well within it).
    let idleSeconds: Double
    let interval: Double
    /// The version the list was read at, as the state holds it.
    let version: @Sendable (ClusterState) -> String?
    /// An ADDED/MODIFIED/DELETED event as a change; nil: read the section again instead.
    let event: (@Sendable (KubeWatchLine, UnsafeBufferPointer<UInt8>) -> StateChange?)?
    /// Reads the section again: the change that replaces it, and the version it was read at.
    let relist: @Sendable () async -> (StateChange, String?)

    public init(name: String, kube: KubeTarget, runner: any CommandRunner, path: String, idleSeconds: Double = 300, interval: Double,
                version: @escaping @Sendable (ClusterState) -> String?,
                event: (@Sendable (KubeWatchLine, UnsafeBufferPointer<UInt8>) -> StateChange?)?,
                relist: @escaping @Sendable () async -> (StateChange, String?)) {
        self.name = name
        self.kube = kube
        self.runner = runner
        self.path = path
        self.idleSeconds = idleSeconds
        self.interval = interval
        self.version = version
        self.event = event
        self.relist = relist
    }

    /// What a line asks of the forwarder: hand on a report, or read the section again.
    enum Pending: Sendable { case report(WatchReport), relist }

    public func command(from version: String) -> Command {
        let separator = path.contains("?") ? "&" : "?"
        return kube.rawGet(path + separator + "watch=1&resourceVersion=\(version)&allowWatchBookmarks=true")
    }

    public func follow(from state: ClusterState, report: @escaping @Sendable (WatchReport) async -> Void) async {
        guard let streamer = runner as? any StreamingRunner else {
            await PollingSource(name: name, interval: interval, reason: "no stream from this runner") { await relist().0 }
                .follow(from: state, report: report)
            return
        }
        var version = self.version(state)
        var backoff = Backoff()
        while !Task.isCancelled {
            guard let from = version else {
                // Nothing to resume from (the first read failed): list first.
                if backoff.current == backoff.initial {
                    await report(.status(WatchSourceStatus(source: name, kind: .relisting, detail: "no resource version yet")))
                }
                let (change, listed) = await relist()
                await report(.change(change))
                version = listed
                if listed == nil {
                    // The list itself failed (forbidden, unreachable): its section says why; wait
                    // longer each time rather than hammer a server that refuses.
                    let wait = backoff.next()
                    await report(.status(WatchSourceStatus(source: name, kind: .reconnecting, detail: "could not list; again in \(wait)s")))
                    try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                }
                continue
            }
            await report(.status(WatchSourceStatus(source: name, kind: .streaming, detail: "from resource version \(from)")))
            let outcome = await stream(streamer, from: from, report: report)
            version = outcome.version
            switch outcome.end {
            case .cancelled:
                return
            case .expired:
                await report(.status(WatchSourceStatus(source: name, kind: .relisting, detail: "resource version \(from) expired")))
                let (change, listed) = await relist()
                await report(.change(change))
                version = listed
            case .closed:
                backoff.reset()   // the server ended the watch at its timeout: resume at once
            case .broken(let why):
                let wait = backoff.next()
                await report(.status(WatchSourceStatus(source: name, kind: .reconnecting, detail: "\(why); again in \(wait)s")))
                try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            }
        }
    }

    enum End { case cancelled, expired, closed, broken(String) }

    /// One kubectl's stream, until it ends; returns the version to resume from and why it ended.
    func stream(_ streamer: any StreamingRunner, from start: String,
                report: @escaping @Sendable (WatchReport) async -> Void) async -> (version: String?, end: End) {
        let (pending, continuation) = AsyncStream.makeStream(of: Pending.self)
        let relist = self.relist
        let forwarder = Task {
            for await item in pending {
                switch item {
                case .report(let value): await report(value)
                case .relist: await report(.change(await relist().0))
                }
            }
        }
        var version: String? = start
        var expired = false
        var failure: String?
        let event = self.event
        let result: Result<StreamEnd, any Error>
        do {
            result = .success(try await streamer.stream(command(from: start), idleSeconds: idleSeconds, maxLineBytes: 16 << 20) { line in
                let bytes = line.bindMemory(to: UInt8.self)
                guard let header = try? KubeWatchLine.header(bytes) else { return .more }   // a torn line: the next one resyncs
                if header.kind == .error {
                    if header.isExpired { expired = true } else { failure = header.message ?? header.reason ?? "the stream reported an error" }
                    return .stop
                }
                if let moved = header.resourceVersion { version = moved }
                if header.kind == .bookmark { return .more }
                if let change = event?(header, bytes) { continuation.yield(.report(.change(change))) } else { continuation.yield(.relist) }
                return .more
            })
        } catch {
            result = .failure(error)
        }
        continuation.finish()
        await forwarder.value
        if expired { return (version, .expired) }
        if let failure { return (version, .broken(failure)) }
        switch result {
        case .success: return (version, .closed)
        case .failure(let error as RunError): return (version, .broken(ProbeError.from(error, what: name).message))
        case .failure: return (version, Task.isCancelled ? .cancelled : .broken("stopped"))
        }
    }
}
