import ShipshapeCore
import PaneKit
import KubernetesPanes
import DeckhouseRules

extension PaneKind {
    /// Deckhouse's update windows, of every open Deckhouse cluster side by side.
    public static let windows = PaneKind("windows")
    /// Deckhouse releases, those waiting for approval first.
    public static let releases = PaneKind("releases")
}

/// Deckhouse's panes, in screen order.
public enum DeckhousePaneSpecs {
    /// Nodes by infrastructure role and NodeGroup, against the role minimums.
    public static let nodes = PaneSpec(kind: .nodes, title: "Nodes", column: 0) { context in
        DeckhouseNodesPane.source(deckhouse: context.state?.deckhouse, policy: context.policy)
    }

    /// Channel, mode and windows of every open Deckhouse cluster on a week grid; "next
    /// window" counts from now, so it is rebuilt with the clock.
    public static let windows = PaneSpec(kind: .windows, title: "Update windows", column: 0, weight: 2, tracksClock: true) { context in
        UpdateWindowsPaneSource(clusters: context.clusters, current: context.current, now: context.now)
    }

    /// Releases, those waiting for approval first; `f` approves one.
    public static let releases = PaneSpec(kind: .releases, title: "Releases", column: 1, weight: 2, tracksClock: true) { context in
        DeckhouseReleasesPane.source(deckhouse: context.state?.deckhouse, now: context.now)
    }

    public static let all = [nodes, windows, releases, KubernetesPaneSpecs.backups]
}
