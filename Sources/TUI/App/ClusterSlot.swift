import Engine

/// One open cluster as the console shows it: its pinned target and its last snapshot.
/// The console holds one per `--context`; keys act on the current one.
public struct ClusterSlot: Sendable {
    public var target: Target
    public var snapshot: Snapshot?

    public init(target: Target, snapshot: Snapshot? = nil) {
        self.target = target
        self.snapshot = snapshot
    }
}
