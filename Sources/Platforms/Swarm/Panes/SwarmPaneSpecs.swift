import ShipshapeCore
import PaneKit
import SwarmRules

/// Docker Swarm's panes, in screen order.
public enum SwarmPaneSpecs {
    /// Nodes, managers first; `f` drains or activates the selected node.
    public static let nodes = PaneSpec(kind: .nodes, title: "Nodes", column: 0) { context in
        SwarmNodesPane.source(swarm: context.state?.swarm, now: context.now)
    }

    /// Published ports and the services behind them (the platform's router).
    public static let ingress = PaneSpec(kind: .router, title: "Ingress", column: 0) { context in
        SwarmIngressPane.source(swarm: context.state?.swarm)
    }

    public static let backups = PaneSpec(kind: .backups, title: "Backups", column: 1, weight: 2, tracksClock: true) { context in
        BackupsPane.source(state: context.state, policy: context.policy,
                           snapshotsNotApplicable: "a swarm keeps its state in the managers' Raft log, not in etcd", now: context.now)
    }

    public static let all = [nodes, ingress, backups]
}
