/// Rules every platform gets on top of its own: they decide from data any platform
/// may have (an etcd target, the console's records) and say n/a when it is absent.
public enum CommonRules {
    public static var all: [any Rule] { [EtcdSnapshotRule(), EtcdQuorumRule()] }
}
