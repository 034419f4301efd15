/// The panes of the console, in Tab order. Which of them a platform shows is
/// decided in `PaneCatalog`.
public enum PaneID: String, Sendable, CaseIterable {
    case nodes = "Nodes"
    case etcd = "etcd members"
    case router = "Router scale"
    /// Deckhouse: every open cluster's channel, mode and update windows on a week grid.
    case updateWindows = "Update windows"
    case findings = "Findings"
    case backups = "Backups"
    case activity = "Activity"

    /// Left column: what the cluster is. Right column: what to do about it.
    var column: Int {
        switch self {
        case .nodes, .etcd, .router, .updateWindows: return 0
        case .findings, .backups, .activity: return 1
        }
    }
}
