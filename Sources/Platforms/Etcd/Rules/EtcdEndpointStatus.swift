import ShipshapeCore
/// One member's `endpoint status`, the fields the pane and ETCD-QUORUM use.
public struct EtcdEndpointStatus: Sendable, Hashable {
    public var endpoint: String
    public var memberID: UInt64
    public var version: String
    /// Allocated size of the backend database, bytes.
    public var dbSize: Int64
    public var dbSizeInUse: Int64?
    /// The leader this member knows; nil when it knows none ("no leader").
    public var leader: UInt64?
    public var raftTerm: UInt64
    public var raftIndex: UInt64
    public var raftAppliedIndex: UInt64
    public var errors: [String]
    public var isLearner: Bool

    public init(endpoint: String, memberID: UInt64, version: String, dbSize: Int64, dbSizeInUse: Int64? = nil, leader: UInt64?,
                raftTerm: UInt64, raftIndex: UInt64, raftAppliedIndex: UInt64, errors: [String] = [], isLearner: Bool = false) {
        self.endpoint = endpoint
        self.memberID = memberID
        self.version = version
        self.dbSize = dbSize
        self.dbSizeInUse = dbSizeInUse
        self.leader = leader
        self.raftTerm = raftTerm
        self.raftIndex = raftIndex
        self.raftAppliedIndex = raftAppliedIndex
        self.errors = errors
        self.isLearner = isLearner
    }

    public var isLeader: Bool { leader == memberID }
}
