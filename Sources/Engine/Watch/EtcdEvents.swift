/// etcd membership events (member lost / back, leader change). Filled in once the
/// etcd probe's state is available; until then no etcd events are derived.
enum EtcdEvents {
    static func events(_ old: ClusterState, _ new: ClusterState, _ make: StateDiffer.Make) -> [WatchEvent] {
        []
    }
}
