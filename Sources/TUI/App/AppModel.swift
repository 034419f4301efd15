import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Everything the screen shows, as plain values. The controller changes it; panes
/// only read it. Nothing here starts a process.
public struct AppModel: Sendable {
    /// Every open cluster, in `--context` order; never empty.
    public var clusters: [ClusterSlot] { didSet { clustersRevision = Revision.next() } }
    /// Index of the cluster the panes, the header and the keys act on.
    public var current = 0
    /// The findings pane lists every cluster's findings instead of the current one's.
    public var allClusterFindings = false
    /// Fixes, undos and drills are refused (the session's mode; `R` toggles it unless locked).
    public var readOnly: Bool
    /// Set when read-only was asked for at start (`--read-only`): why `R` cannot lift it.
    public var readOnlyLock: String?
    /// The estate board is on screen instead of the current cluster's panes.
    public var showingBoard = false
    /// The selected row of the board (its filtered, sorted order).
    public var boardSelection: Int {
        get { selection[.board] ?? 0 }
        set { selection[.board] = newValue }
    }
    /// Clusters being read in the current round, for the board's progress line.
    public var reading: Set<Int> = []
    public var refreshing = false
    public var lastRefresh: Date?
    public var focus: PaneKind = .findings
    public var selection: [PaneKind: Int] = [:]
    public var activity = RingBuffer<ActivityItem>(capacity: 500) { didSet { activityRevision = Revision.next() } }
    public var dialog: Dialog?
    public var message: String?
    public var messageIsError = false
    /// Watch mode: refresh on `schedule`, diff consecutive states into activity events.
    public var watching = false
    /// The policy in force (thresholds shown in panes).
    public var policy = Policy.default { didSet { clustersRevision = Revision.next() } }
    public var schedule = WatchSchedule(interval: 5)

    /// The key table in force (the standard one, or as `keys.yaml` rebinds it).
    public var keys = KeyMap.standard
    /// Filter, sort and sideways scroll of each pane, per cluster: they survive refreshes.
    public var views: [PaneKey: PaneViewState] = [:]
    /// The focused pane takes the whole body (`z`).
    public var zoomed = false
    /// The command line, filter or search being typed on the message line.
    public var prompt: Prompt?
    /// Commands run from the command line, oldest first (↑ recalls them).
    public var commandHistory: [String] = []

    /// Versions of what panes are built from; a new number on every change.
    public private(set) var clustersRevision = Revision.next()
    public private(set) var activityRevision = Revision.next()
    /// Built panes, reused while the revisions and queries stay the same.
    let cache = PaneCache()

    public init(clusters: [ClusterSlot], readOnly: Bool) {
        precondition(!clusters.isEmpty, "the console needs at least one cluster")
        self.clusters = clusters
        self.readOnly = readOnly
        // A session started read-only stays so: it is a lock, not a toggle.
        self.readOnlyLock = readOnly ? "the console was started with --read-only" : nil
        self.showingBoard = clusters.count > 1
    }

    /// The current cluster's pinned target (what the header shows and fixes run against).
    public var target: Target {
        get { clusters[current].target }
        set { clusters[current].target = newValue }
    }

    /// The current cluster's last snapshot.
    public var snapshot: Snapshot? {
        get { clusters[current].snapshot }
        set { clusters[current].snapshot = newValue }
    }

    /// True when more than one cluster is open.
    public var isMultiCluster: Bool { clusters.count > 1 }

    /// True when the findings pane shows every cluster (only meaningful with several).
    public var showsAllClusters: Bool { allClusterFindings && isMultiCluster }

    /// Whether a change may run on the current cluster, and if not why (the session's mode,
    /// or the cluster marked `readOnly` in the estate file).
    public var readOnlyReason: String? {
        if readOnly { return readOnlyLock ?? "read-only mode (R toggles it)" }
        if target.readOnly { return "\(target.name) is marked readOnly in the estate file" }
        return nil
    }

    /// What panes are built from: every open cluster, the current one, the policy.
    public func paneContext(now: Date = Date()) -> PaneContext {
        PaneContext(clusters: clusters.map(\.view), current: current, policy: policy, now: now)
    }

    /// The pane keys act on: the board when it is on screen, else the focused pane.
    public var activePane: PaneKind { showingBoard ? .board : focus }

    /// Which view state a pane of the current cluster uses.
    public func paneKey(_ kind: PaneKind) -> PaneKey {
        switch kind {
        case .board, .activity: PaneKey(cluster: "", kind: kind)
        case .findings where showsAllClusters: PaneKey(cluster: "*", kind: kind)
        default: PaneKey(cluster: target.name, kind: kind)
        }
    }

    public func view(of kind: PaneKind) -> PaneViewState { views[paneKey(kind)] ?? PaneViewState() }

    public mutating func updateView(of kind: PaneKind, _ change: (inout PaneViewState) -> Void) {
        var state = view(of: kind)
        change(&state)
        views[paneKey(kind)] = state
    }

    public func selected(_ pane: PaneKind) -> Int {
        min(max(selection[pane] ?? 0, 0), max(rowCount(pane) - 1, 0))
    }

    public func rowCount(_ pane: PaneKind) -> Int {
        ConsolePanes.source(pane, model: self).rowCount
    }

    /// The panes the current cluster shows.
    public var paneSpecs: [PaneSpec] { ConsolePanes.specs(for: self) }
    public var panes: [PaneKind] { paneSpecs.map(\.kind) }

    /// Pane names the command line knows: every open cluster's panes (their `PaneKind` ids),
    /// Findings and Activity.
    public var commandPanes: [PaneKind] {
        Array(Set(clusters.flatMap { $0.plugin.panes.map(\.kind) } + [.findings, .activity])).sorted { $0.id < $1.id }
    }

    /// Findings worth a row: everything but passes and n/a, which stay in details and reports.
    public var visibleFindings: [Finding] { visibleFindingRows.map(\.finding) }

    /// The findings pane's rows before its filter and sort, each with its cluster: the
    /// current cluster's, or every cluster's (in cluster order) when `showsAllClusters`.
    public var visibleFindingRows: [FindingRow] {
        let indices = showsAllClusters ? Array(clusters.indices) : [current]
        return indices.flatMap { index in
            (clusters[index].snapshot?.findings ?? [])
                .filter { $0.verdict != .pass && $0.verdict != .notApplicable }
                .map { FindingRow(cluster: index, finding: $0) }
        }
    }

    /// The findings as the pane shows them (filtered, sorted).
    public var shownFindingRows: [FindingRow] {
        (ConsolePanes.source(.findings, model: self) as? ListSource<FindingRow>)?.items ?? []
    }

    /// The selected findings row, with the cluster it belongs to.
    public var selectedFindingRow: FindingRow? {
        (ConsolePanes.source(.findings, model: self) as? ListSource<FindingRow>)?.item(at: selected(.findings))
    }

    public var selectedFinding: Finding? { selectedFindingRow?.finding }

    /// Index into `activity.elements` of the selected activity row.
    public var selectedActivityIndex: Int? {
        (ConsolePanes.source(.activity, model: self) as? ListSource<ActivityPane.Row>)?.item(at: selected(.activity))?.index
    }

    public mutating func move(_ delta: Int, in pane: PaneKind) {
        let count = rowCount(pane)
        guard count > 0 else { return }
        selection[pane] = min(max(selected(pane) + delta, 0), count - 1)
    }

    public mutating func say(_ text: String, error: Bool = false) {
        message = Sanitizer.line(text, maxLength: 300)
        messageIsError = error
    }

    public mutating func record(_ item: ActivityItem) {
        activity.append(item)
    }
}
