import Foundation
import Engine

/// Everything the screen shows, as plain values. The controller changes it; panes
/// only read it. Nothing here starts a process.
public struct AppModel: Sendable {
    /// Every open cluster, in `--context` order; never empty.
    public var clusters: [ClusterSlot]
    /// Index of the cluster the panes, the header and the keys act on.
    public var current = 0
    /// The findings pane lists every cluster's findings instead of the current one's.
    public var allClusterFindings = false
    public var readOnly: Bool
    public var refreshing = false
    public var lastRefresh: Date?
    public var focus: PaneID = .findings
    public var selection: [PaneID: Int] = [:]
    public var activity = RingBuffer<ActivityItem>(capacity: 500)
    public var dialog: Dialog?
    public var message: String?
    public var messageIsError = false
    /// Watch mode: refresh on `schedule`, diff consecutive states into activity events.
    public var watching = false
    /// The policy in force (thresholds shown in panes).
    public var policy = Policy.default
    public var schedule = WatchSchedule(interval: 5)

    public init(target: Target, readOnly: Bool) {
        self.init(targets: [target], readOnly: readOnly)
    }

    public init(targets: [Target], readOnly: Bool) {
        precondition(!targets.isEmpty, "the console needs at least one cluster")
        self.clusters = targets.map { ClusterSlot(target: $0) }
        self.readOnly = readOnly
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

    public func selected(_ pane: PaneID) -> Int {
        min(max(selection[pane] ?? 0, 0), max(rowCount(pane) - 1, 0))
    }

    public func rowCount(_ pane: PaneID) -> Int {
        PaneCatalog.source(pane, model: self).rowCount
    }

    /// The panes this platform shows, in Tab order.
    public var panes: [PaneID] { PaneCatalog.panes(for: self) }

    /// Findings worth a row: everything but passes and n/a, which stay in details and reports.
    public var visibleFindings: [Finding] { visibleFindingRows.map(\.finding) }

    /// The findings pane's rows, each with its cluster: the current cluster's, or every
    /// cluster's (grouped in cluster order) when `showsAllClusters`.
    public var visibleFindingRows: [FindingRow] {
        let indices = showsAllClusters ? Array(clusters.indices) : [current]
        return indices.flatMap { index in
            (clusters[index].snapshot?.findings ?? [])
                .filter { $0.verdict != .pass && $0.verdict != .notApplicable }
                .map { FindingRow(cluster: index, finding: $0) }
        }
    }

    /// The selected findings row, with the cluster it belongs to.
    public var selectedFindingRow: FindingRow? {
        let rows = visibleFindingRows
        let index = selected(.findings)
        return rows.indices.contains(index) ? rows[index] : nil
    }

    public var routerPods: [KubePod] {
        (snapshot?.state.kubernetes.pods.value ?? []).filter { $0.app == "deis-router" }
    }

    public var selectedFinding: Finding? { selectedFindingRow?.finding }

    /// Activity is shown newest first.
    public var activityNewestFirst: [ActivityItem] { activity.elements.reversed() }

    /// Index into `activity.elements` of the selected activity row.
    public var selectedActivityIndex: Int? {
        guard activity.count > 0 else { return nil }
        return activity.count - 1 - selected(.activity)
    }

    public mutating func move(_ delta: Int, in pane: PaneID) {
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
