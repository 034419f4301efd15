import ShipshapeCore
/// Which etcd API a cluster was read through. Deis v1 and fleet live in the v2 store (CoreOS ran
/// etcd 2.x, which has no v3 API); everything else reads v3.
public enum EtcdAPI: String, Sendable, Hashable {
    case v2
    case v3
}
