import Foundation
import ShipshapeCore
import PaneKit
import Engine
import PlatformKit

/// Which panes the current cluster shows and what fills each: its platform's panes (from its
/// plug-in) and the console's own, Findings and Activity, and the estate board. Nothing here
/// names a platform. Panes are built through the model's cache: once per state, and again
/// only when their filter or sort changes.
public enum ConsolePanes {
    /// The console's own panes, on the right: what to do about the cluster, and what happened.
    public static let findings = PaneSpec(kind: .findings, title: "Findings", column: 1, weight: 5) { _ in
        PlaceholderPaneSource(title: "Findings", text: "")
    }
    public static let activity = PaneSpec(kind: .activity, title: "Activity", column: 1, weight: 3) { _ in
        PlaceholderPaneSource(title: "Activity", text: "")
    }

    /// The current cluster's panes: the platform's (those with something to show), then
    /// Findings and Activity. `Layout.order` puts them in screen order.
    public static func specs(for model: AppModel) -> [PaneSpec] {
        let context = model.paneContext()
        let own = model.clusters[model.current].plugin.panes.filter { $0.isShown(context) }
        return own.filter { $0.column == 0 } + [findings] + own.filter { $0.column != 0 } + [activity]
    }

    /// The pane as the model's filter and sort show it.
    public static func source(_ kind: PaneKind, model: AppModel, now: Date = Date()) -> any PaneSource {
        pane(kind, model: model, now: now).source
    }

    /// The pane and its measured columns, from the cache when nothing it shows has changed.
    public static func pane(_ kind: PaneKind, model: AppModel, now: Date = Date()) -> BuiltPane {
        let query = model.view(of: kind).query
        // Ages on screen (backups, the board, "next window") move with the clock: such panes
        // are rebuilt every ten seconds, the rest only when the model changes.
        let clock = Int(now.timeIntervalSince1970 / 10)
        switch kind {
        case .board:
            let key = PaneCache.Key(kind: kind, current: 0, content: model.clustersRevision, extra: model.reading.hashValue ^ clock)
            return model.cache.pane(key, query: query) { BoardPane.source(model: model, now: now) }
        case .findings:
            let key = PaneCache.Key(kind: kind, current: model.current, content: model.clustersRevision, extra: model.showsAllClusters ? 1 : 0)
            return model.cache.pane(key, query: query) { findingsSource(model) }
        case .activity:
            let key = PaneCache.Key(kind: kind, current: 0, content: model.activityRevision, extra: 0)
            return model.cache.pane(key, query: query) { ActivityPane.source(model.activity) }
        default:
            guard let spec = specs(for: model).first(where: { $0.kind == kind }) else {
                return BuiltPane(source: PlaceholderPaneSource(title: kind.id, text: "\(model.target.platform.displayName) has no \(kind.id) pane"),
                                 contentWidths: [0])
            }
            let key = PaneCache.Key(kind: kind, current: model.current, content: model.clustersRevision, extra: spec.tracksClock ? clock : 0)
            return model.cache.pane(key, query: query) { spec.make(model.paneContext(now: now)) }
        }
    }

    static func findingsSource(_ model: AppModel) -> ListSource<FindingRow> {
        let rows = model.visibleFindingRows
        if model.showsAllClusters {
            let passing = model.clusters.reduce(0) { $0 + ($1.snapshot?.findings.filter { $0.verdict == .pass }.count ?? 0) }
            return FindingsPane.source(rows: rows, clusterNames: model.clusters.map(\.target.name),
                                       loaded: model.clusters.contains { $0.snapshot != nil }, passing: passing)
        }
        let passing = model.snapshot?.findings.filter { $0.verdict == .pass }.count ?? 0
        return FindingsPane.source(rows: rows, clusterNames: nil, loaded: model.snapshot != nil, passing: passing)
    }
}
