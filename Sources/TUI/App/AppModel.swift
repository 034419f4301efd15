import Foundation
import Engine

/// Everything the screen shows, as plain values. The controller changes it; panes
/// only read it. Nothing here starts a process.
public struct AppModel: Sendable {
    public var target: Target
    public var readOnly: Bool
    public var snapshot: Snapshot?
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
        self.target = target
        self.readOnly = readOnly
    }

    public func selected(_ pane: PaneID) -> Int {
        min(max(selection[pane] ?? 0, 0), max(rowCount(pane) - 1, 0))
    }

    public func rowCount(_ pane: PaneID) -> Int {
        PaneCatalog.source(pane, model: self).rowCount
    }

    /// The panes this platform shows, in Tab order.
    public var panes: [PaneID] { PaneCatalog.panes(for: self) }

    /// Findings worth a row: everything but passes and n/a, which stay in details and reports.
    public var visibleFindings: [Finding] {
        (snapshot?.findings ?? []).filter { $0.verdict != .pass && $0.verdict != .notApplicable }
    }

    public var routerPods: [KubePod] {
        (snapshot?.state.kubernetes.pods.value ?? []).filter { $0.app == "deis-router" }
    }

    public var selectedFinding: Finding? {
        let findings = visibleFindings
        let index = selected(.findings)
        return findings.indices.contains(index) ? findings[index] : nil
    }

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
