import ShipshapeCore
/// The etcd keys a platform asked about, as read in one refresh. Secret keys are
/// read with `--keys-only`, so only their presence is ever known here.
public struct EtcdKeys: Sendable, Equatable {
    public var entries: [String: EtcdKeyValue]

    public init(_ entries: [String: EtcdKeyValue] = [:]) {
        self.entries = entries
    }

    /// The key's state; keys that were not asked about read as absent.
    public subscript(key: String) -> EtcdKeyValue {
        entries[key] ?? .absent
    }
}
