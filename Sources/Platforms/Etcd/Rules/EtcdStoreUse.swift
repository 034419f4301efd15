import ShipshapeCore
/// Which of etcd 3.x's two stores hold data: they are separate, and a v3 snapshot holds only
/// the v3 keyspace. A cluster that only ever saw v2 clients (Deis v1, fleet, anything from the
/// CoreOS era) has an empty v3 keyspace and all its data in v2.
public struct EtcdStoreUse: Sendable, Equatable {
    /// Keys in the v3 keyspace; nil when not read.
    public var v3Keys: Int64?
    /// Top-level entries of the v2 store (`ls /`, which hides `_`-prefixed ones such as fleet's);
    /// nil when not read or when the server has no v2 API.
    public var v2TopLevel: Int?

    public init(v3Keys: Int64?, v2TopLevel: Int?) {
        self.v3Keys = v3Keys
        self.v2TopLevel = v2TopLevel
    }

    /// Data only in v2: a v3 snapshot of this cluster would be empty.
    public var dataOnlyInV2: Bool { v3Keys == 0 && (v2TopLevel ?? 0) > 0 }
}
