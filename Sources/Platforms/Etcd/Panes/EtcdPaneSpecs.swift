import ShipshapeCore
import PaneKit
import EtcdRules

/// The etcd membership pane, for every platform whose cluster names etcd endpoints.
public enum EtcdPaneSpecs {
    /// Members, health, leader and the quorum sentence; shown only where etcd is probed.
    public static let members = PaneSpec(kind: .etcd, title: "etcd members", column: 0, isShown: { context in
        guard let state = context.state else { return context.cluster.target.etcd != nil }
        if case .notProbed = state.etcd { return false }
        return true
    }) { context in
        EtcdPane.source(etcd: context.state?.etcd)
    }

    /// Backups of a bare etcd cluster: its snapshots and drills.
    public static let backups = PaneSpec(kind: .backups, title: "Backups", column: 1, weight: 2, tracksClock: true) { context in
        BackupsPane.source(state: context.state, policy: context.policy, now: context.now)
    }
}
