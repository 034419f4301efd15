import ShipshapeCore
/// The etcd keys a platform asked about, as read in one refresh. Secret keys are read for
/// presence only, so only their presence is ever known here.
public struct EtcdKeys: Sendable, Equatable {
    public var entries: [String: EtcdKeyValue]
    /// Every key (not directory) under the listed prefix, from the v2 `ls --recursive`; nil when
    /// no listing was made (v3). Names only: values are in `entries`.
    public var listed: Set<String>?

    public init(_ entries: [String: EtcdKeyValue] = [:], listed: Set<String>? = nil) {
        self.entries = entries
        self.listed = listed
    }

    /// The key's state; keys that were not asked about read as absent.
    public subscript(key: String) -> EtcdKeyValue {
        entries[key] ?? .absent
    }

    /// The entries a pattern request matched, by key.
    public func matching(_ request: EtcdKeyRequest) -> [String: EtcdKeyValue] {
        entries.filter { request.matches($0.key) }
    }
}
