import ShipshapeCore

extension PlatformID {
    /// Deis v1 on CoreOS: fleet and etcd (seeds 000, 001).
    public static let deis1 = PlatformID("deis1", displayName: "Deis v1")
}
