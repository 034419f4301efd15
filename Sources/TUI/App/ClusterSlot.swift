import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// One open cluster as the console shows it: its pinned target, its platform (which says
/// which panes it has and what its board row shows) and its last snapshot.
public struct ClusterSlot: Sendable {
    public var target: Target
    public var plugin: any PlatformPlugin
    public var snapshot: Snapshot?
    /// Why the cluster could not be pinned, when it could not (the board shows it; nothing runs).
    public var pinError: String?

    public init(target: Target, plugin: any PlatformPlugin, snapshot: Snapshot? = nil) {
        self.target = target
        self.plugin = plugin
        self.snapshot = snapshot
    }

    /// The cluster as panes see it.
    public var view: ClusterView {
        ClusterView(target: target, state: snapshot?.state, findings: snapshot?.findings ?? [])
    }
}
