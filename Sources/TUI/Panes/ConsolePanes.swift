import ShipshapeCore
import PaneKit
import Engine
import PlatformKit

/// Which panes the current cluster shows and what fills each: its platform's panes (from its
/// plug-in) and the console's own, Findings and Activity. Nothing here names a platform.
public enum ConsolePanes {
    /// The console's own panes, on the right: what to do about the cluster, and what happened.
    public static let findings = PaneSpec(kind: .findings, title: "Findings", column: 1, weight: 5) { _ in
        PlaceholderPaneSource(title: "Findings", text: "")
    }
    public static let activity = PaneSpec(kind: .activity, title: "Activity", column: 1, weight: 3) { _ in
        PlaceholderPaneSource(title: "Activity", text: "")
    }

    /// The current cluster's panes in Tab order: the platform's (those with something to
    /// show), then Findings and Activity.
    public static func specs(for model: AppModel) -> [PaneSpec] {
        let context = model.paneContext
        let own = model.clusters[model.current].plugin.panes.filter { $0.isShown(context) }
        // Tab follows the screen: the left column top to bottom, then the right one, where
        // Findings leads and Activity closes.
        return own.filter { $0.column == 0 } + [findings] + own.filter { $0.column != 0 } + [activity]
    }

    public static func source(_ kind: PaneKind, model: AppModel) -> any PaneSource {
        switch kind {
        case .findings: return findingsSource(model)
        case .activity: return ActivityPaneSource(items: model.activityNewestFirst)
        default:
            guard let spec = specs(for: model).first(where: { $0.kind == kind }) else {
                return PlaceholderPaneSource(title: kind.id, text: "\(model.target.platform.displayName) has no \(kind.id) pane")
            }
            return spec.make(model.paneContext)
        }
    }

    static func findingsSource(_ model: AppModel) -> FindingsPaneSource {
        if model.showsAllClusters {
            let rows = model.visibleFindingRows
            let passing = model.clusters.reduce(0) { $0 + ($1.snapshot?.findings.filter { $0.verdict == .pass }.count ?? 0) }
            return FindingsPaneSource(findings: rows.map(\.finding), loaded: model.clusters.contains { $0.snapshot != nil },
                                      passing: passing, clusterNames: rows.map { model.clusters[$0.cluster].target.name })
        }
        let passing = model.snapshot?.findings.filter { $0.verdict == .pass }.count ?? 0
        return FindingsPaneSource(findings: model.visibleFindings, loaded: model.snapshot != nil, passing: passing)
    }
}
