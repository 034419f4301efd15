/// etcd membership and health (filled in by the etcd probe).
public struct EtcdState: Sendable {
    public init() {}
}
