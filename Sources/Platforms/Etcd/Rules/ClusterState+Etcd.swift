import ShipshapeCore

extension EtcdState: StateSection {
    /// The member list loaded but the settings keys could not be read.
    public var failures: [ProbeError] { keys.error.map { [$0] } ?? [] }
}

extension ClusterState {
    /// etcd membership, health and (Deis v1) the settings keys; `.notProbed` where the target
    /// names no etcd.
    public var etcd: Loaded<EtcdState> {
        get { self[section: EtcdState.self] }
        set { self[section: EtcdState.self] = newValue }
    }
}
