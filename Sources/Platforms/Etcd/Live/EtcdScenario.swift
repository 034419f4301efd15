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
