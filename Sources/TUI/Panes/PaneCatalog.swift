import Engine

/// Which panes a platform shows and which source fills each. The one place that
/// maps platform to pane content: adding a platform adds cases here.
public enum PaneCatalog {
    public static func panes(for model: AppModel) -> [PaneID] {
        if model.target.platform == .deckhouse { return [.nodes, .updateWindows, .findings, .activity] }
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
            case .swarm:
                return SwarmNodesPaneSource(swarm: state?.swarm)
            case .deis1:
                return FleetMachinesPaneSource(fleet: state?.fleet, etcd: state?.etcd)
            case .deckhouse:
                return DeckhouseNodesPaneSource(deckhouse: state?.deckhouse)
            default:
                return NodesPaneSource(nodes: state?.kubernetes.nodes)
            }
        case .etcd:
            if let etcd = state?.etcd, !isNotProbed(etcd) { return EtcdPaneSource(etcd: etcd) }
            if state == nil { return EtcdPaneSource(etcd: nil) }
            return PlaceholderPaneSource(title: pane.rawValue, text: "etcd membership is not probed on this platform")
        case .router:
            switch model.target.platform {
            case .swarm:
                return SwarmIngressPaneSource(swarm: state?.swarm)
            case .deis1:
                return FleetRouterPaneSource(fleet: state?.fleet, minimum: Policy.default.minRouterReplicas)
            default:
                return RouterPaneSource(state: state?.kubernetes, pods: model.routerPods, minimum: 2)
            }
        case .updateWindows:
            return UpdateWindowsPaneSource(clusters: model.clusters, current: model.current)
        case .findings:
            if model.showsAllClusters {
                let rows = model.visibleFindingRows
                let passing = model.clusters.reduce(0) { $0 + ($1.snapshot?.findings.filter { $0.verdict == .pass }.count ?? 0) }
                return FindingsPaneSource(findings: rows.map(\.finding), loaded: model.clusters.contains { $0.snapshot != nil },
                                          passing: passing, clusterNames: rows.map { model.clusters[$0.cluster].target.name })
            }
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
