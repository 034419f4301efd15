import ShipshapeCore
/// The last line of v2 `etcdctl cluster-health`: `cluster is healthy|degraded|unavailable`
/// (etcdctl 3.x), or `healthy|unhealthy` (etcdctl 2.x, which calls a cluster with one healthy
/// member healthy). The per-member lines above it are what the members' health is read from.
public enum EtcdClusterHealth: String, Sendable, Hashable {
    case healthy
    /// Some member is not healthy; quorum holds.
    case degraded
    /// No quorum: nothing can be written, and the member list's `isLeader=true` is stale.
    case unavailable
    /// etcdctl 2.x: no member healthy.
    case unhealthy
}
