import ShipshapeCore
import ShipshapeRunner

/// One change stream of a cluster: `kubectl get --raw '…?watch=1'` for a resource, `docker
/// events`, `etcdctl watch`, or — where a tool has no stream (fleet) — a poll. A source follows
/// its stream from what the state already holds (the list's resource version), keeps following
/// across broken streams and expired versions (re-listing what it must), and says what changed.
public protocol WatchSource: Sendable {
    /// For the status bar and logs: "nodes", "docker events", "fleet (polling)".
    var name: String { get }
    /// Runs until the task is cancelled. Calls `report` with every change to apply to the
    /// state and every change of its own health; never returns on a broken stream — it backs
    /// off and reconnects.
    func follow(from state: ClusterState, report: @escaping @Sendable (WatchReport) async -> Void) async
}

/// What a source tells the watch.
public enum WatchReport: Sendable {
    /// Apply this to the cluster's state (an object changed, a section was read again).
    case change(StateChange)
    /// The source's own condition changed.
    case status(WatchSourceStatus)
}

/// A change to the state, as a value the watch applies in order.
public struct StateChange: Sendable {
    /// What changed, for logs: "node demo-node-2 MODIFIED".
    public var summary: String
    public var apply: @Sendable (inout ClusterState) -> Void

    public init(_ summary: String, apply: @escaping @Sendable (inout ClusterState) -> Void) {
        self.summary = summary
        self.apply = apply
    }
}

/// A source's health, as the status bar shows it.
public struct WatchSourceStatus: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Following a live stream.
        case streaming
        /// The tool has no stream: reading again every interval.
        case polling
        /// The stream broke; waiting to reconnect.
        case reconnecting
        /// The resource version expired (410 Gone): listing again.
        case relisting
    }

    public var source: String
    public var kind: Kind
    public var detail: String

    public init(source: String, kind: Kind, detail: String = "") {
        self.source = source
        self.kind = kind
        self.detail = detail
    }
}
