import Engine

/// Which panes a platform shows and which source fills each. The one place that
/// maps platform to pane content: adding a platform adds cases here.
public enum PaneCatalog {
    public static func panes(for model: AppModel) -> [PaneID] {
        var panes: [PaneID] = [.nodes]
        let etcd = model.snapshot?.state.etcd
        if model.target.platform == .deis1 || (etcd != nil && !isNotProbed(etcd!)) { panes.append(.etcd) }
        panes += [.router, .findings, .backups, .activity]
        return panes
    }

    static func isNotProbed<T>(_ loaded: Loaded<T>) -> Bool {
        if case .notProbed = loaded { return true }
        return false
    }

    public static func source(_ pane: PaneID, model: AppModel) -> any PaneSource {
        let state = model.snapshot?.state
        switch pane {
        case .nodes:
            switch model.target.platform {
            default:
                return NodesPaneSource(nodes: state?.kubernetes.nodes)
            }
        case .etcd:
            return PlaceholderPaneSource(title: pane.rawValue, text: "etcd membership is not probed on this platform")
        case .router:
            switch model.target.platform {
            default:
                return RouterPaneSource(state: state?.kubernetes, pods: model.routerPods, minimum: 2)
            }
        case .findings:
            let passing = model.snapshot?.findings.filter { $0.verdict == .pass }.count ?? 0
            return FindingsPaneSource(findings: model.visibleFindings, loaded: model.snapshot != nil, passing: passing)
        case .backups:
            return BackupsPaneSource(state: state, policy: model.policy)
        case .activity:
            return ActivityPaneSource(items: model.activityNewestFirst)
        }
    }
}

/// A pane with nothing to list yet, and a sentence saying why.
struct PlaceholderPaneSource: PaneSource {
    let title: String
    let text: String
    var columns: [Column] { [Column("")] }
    var rowCount: Int { 0 }
    func row(at index: Int) -> [Cell] { [] }
    var errorText: String? { nil }
    var emptyText: String { text }
}
