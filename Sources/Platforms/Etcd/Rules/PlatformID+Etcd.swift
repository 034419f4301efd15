import ShipshapeCore

extension PlatformID {
    /// A bare etcd cluster: membership, quorum, snapshots and drills (seed 004 "Backups").
    public static let etcd = PlatformID("etcd", displayName: "etcd")
}
