import Foundation
import ShipshapeCore

/// Names a pane: `:nodes` jumps to it, reports and tests refer to it. Platforms declare their
/// own kinds (`PaneKind.windows`) beside the shared ones here.
public struct PaneKind: Sendable, Hashable, CustomStringConvertible {
    /// The word of the `:` command and of the key table: `nodes`, `etcd`, `router`.
    public let id: String
    public init(_ id: String) { self.id = id }
    public var description: String { id }

    public static let nodes = PaneKind("nodes")
    public static let etcd = PaneKind("etcd")
    public static let router = PaneKind("router")
    public static let backups = PaneKind("backups")
    public static let findings = PaneKind("findings")
    public static let activity = PaneKind("activity")
    /// The estate board (several clusters).
    public static let board = PaneKind("board")
}

/// One cluster as panes see it: its pinned target, its last state (nil before the first read)
/// and the findings of that state.
public struct ClusterView: Sendable {
    public var target: Target
    public var state: ClusterState?
    public var findings: [Finding]

    public init(target: Target, state: ClusterState?, findings: [Finding] = []) {
        self.target = target
        self.state = state
        self.findings = findings
    }
}

/// What a pane is built from: the current cluster, and every open cluster (the update windows
/// pane compares Deckhouse clusters side by side).
public struct PaneContext: Sendable {
    public var clusters: [ClusterView]
    public var current: Int
    public var policy: Policy
    /// The clock panes that show ages count from.
    public var now: Date

    public init(clusters: [ClusterView], current: Int, policy: Policy, now: Date = Date()) {
        self.clusters = clusters
        self.current = current
        self.policy = policy
        self.now = now
    }

    public var cluster: ClusterView { clusters[current] }
    public var state: ClusterState? { cluster.state }
}

/// A pane a platform shows: what it is, where it goes, and how to build its content. The
/// layout puts column 0 (what the cluster is) left and column 1 (what to do about it) right.
public struct PaneSpec: Sendable {
    public var kind: PaneKind
    public var title: String
    public var column: Int
    /// Share of its column's height against the others (the finding list gets more).
    public var weight: Int
    /// Shown only when it has something to show (the etcd pane on a Workflow cluster given
    /// no `--etcd-endpoints` stays away).
    public var isShown: @Sendable (PaneContext) -> Bool
    /// True when what it shows depends on the clock as well as the state (ages): the console
    /// then rebuilds it every few seconds, not only when the state changes.
    public var tracksClock: Bool
    public var make: @Sendable (PaneContext) -> any PaneSource

    /// - Parameter weight: default 1 on the left (what the cluster is, shared evenly), 3 on the right.
    public init(kind: PaneKind, title: String, column: Int, weight: Int? = nil,
                isShown: @escaping @Sendable (PaneContext) -> Bool = { _ in true }, tracksClock: Bool = false,
                make: @escaping @Sendable (PaneContext) -> any PaneSource) {
        self.kind = kind
        self.title = title
        self.column = column
        self.weight = weight ?? (column == 0 ? 1 : 3)
        self.isShown = isShown
        self.tracksClock = tracksClock
        self.make = make
    }
}
