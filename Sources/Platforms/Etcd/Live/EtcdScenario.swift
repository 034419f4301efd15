import ShipshapeCore

/// An etcd cluster as the demo sandbox serves it (and as scenario files describe it).
/// Member IDs are JSON numbers above 2^53 and decode exactly into `UInt64`.
public struct EtcdScenario: Codable, Sendable {
    public var clusterID: UInt64
    /// The member every member reports as leader while quorum holds.
    public var leader: UInt64?
    public var members: [Member]
    /// Keys and values (v3 keyspace).
    public var keys: [String: String]
    public var revision: Int64?
    /// Keys and values of the v2 store, apart from the v3 keyspace as on etcd 3.x (Deis v1's
    /// `/deis/...`); nil: empty.
    public var v2Keys: [String: String]?
    /// false: the server was started without `--enable-v2`, and every v2 call gets its 404.
    public var v2Enabled: Bool?

    public struct Member: Codable, Sendable {
        public var id: UInt64
        /// Absent for a member that was added but never started.
        public var name: String?
        public var peerURLs: [String]
        public var clientURLs: [String]?
        public var isLearner: Bool?
        /// A stopped member: it answers nothing.
        public var down: Bool?
        public var version: String?
        public var dbSize: Int64?
        public var raftIndex: UInt64?
        public var raftTerm: UInt64?
    }
}
