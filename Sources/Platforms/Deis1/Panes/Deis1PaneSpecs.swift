import ShipshapeCore
import PaneKit
import EtcdPanes
import Deis1Rules
import EtcdRules

/// Deis v1's panes, in screen order.
public enum Deis1PaneSpecs {
    /// fleet machines with their planes, etcd role and units.
    public static let machines = PaneSpec(kind: .nodes, title: "Nodes", column: 0) { context in
        FleetMachinesPane.source(fleet: context.state?.fleet, etcd: context.state?.etcd)
    }

    /// deis-router@N units and the machines they run on.
    public static let router = PaneSpec(kind: .router, title: "Router scale", column: 0) { context in
        FleetRouterPane.source(fleet: context.state?.fleet, minimum: context.policy.minRouterReplicas)
    }

    /// Deis v1 keeps its configuration in the v2 store and its data in the store: what protects
    /// them is recorded data backups, `/deis` exports and drills.
    public static let backups = PaneSpec(kind: .backups, title: "Backups", column: 1, weight: 2, tracksClock: true) { context in
        Deis1BackupsPane.source(state: context.state, policy: context.policy, now: context.now)
    }

    public static let all = [machines, EtcdPaneSpecs.members, router, backups]
}
