import ShipshapeCore

/// A "stream" for what has none: reads a part of the state again every `interval` seconds
/// (fleet's machines and units; etcd member health, which no watch reports).
public struct PollingSource: WatchSource {
    public let name: String
    public let interval: Double
    /// Why it polls, for the status bar ("fleet has no change stream").
    public let reason: String
    public let read: @Sendable () async -> StateChange

    public init(name: String, interval: Double, reason: String, read: @escaping @Sendable () async -> StateChange) {
        self.name = name
        self.interval = interval
        self.reason = reason
        self.read = read
    }

    public func follow(from state: ClusterState, report: @escaping @Sendable (WatchReport) async -> Void) async {
        await report(.status(WatchSourceStatus(source: name, kind: .polling, detail: "\(reason): reading every \(Self.seconds(interval))")))
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            if Task.isCancelled { return }
            await report(.change(await read()))
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : "\(value)s"
    }
}
