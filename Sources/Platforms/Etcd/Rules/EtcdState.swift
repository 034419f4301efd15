import ShipshapeCore
/// etcd membership and health as one refresh saw it. Members come from `member list`;
/// each member's status and health are read from its own endpoint, so a member that
/// does not answer stays in the list, marked down, instead of silently disappearing.
public struct EtcdState: Sendable, Equatable {
    /// `header.cluster_id` of the member list answer.
    public var clusterID: UInt64?
    public var members: [EtcdMember]
    /// Keys the platform asked the probe to read (Deis v1 configuration); `.notProbed`
    /// when it asked for none, `.failed` when etcd would not serve them (e.g. no quorum).
    public var keys: Loaded<EtcdKeys>

    public init(clusterID: UInt64? = nil, members: [EtcdMember] = [], keys: Loaded<EtcdKeys> = .notProbed) {
        self.clusterID = clusterID
        self.members = members
        self.keys = keys
    }

    /// The quorum arithmetic over the voting members.
    public var quorum: EtcdQuorum { EtcdQuorum(members: members) }

    /// Distinct leader IDs the answering members report (0 or absent = "no leader").
    public var reportedLeaders: Set<UInt64> {
        Set(members.compactMap { $0.status?.leader })
    }

    /// The member every answering member agrees is leader, if they agree on one.
    public var leader: EtcdMember? {
        let leaders = reportedLeaders
        guard leaders.count == 1, let id = leaders.first else { return nil }
        return members.first { $0.id == id }
    }

    /// Highest raft index any member reported: the reference for each member's lag.
    public var maxRaftIndex: UInt64? {
        members.compactMap { $0.status?.raftIndex }.max()
    }

    /// How far a member's raft index trails the most advanced member; nil when it did not answer.
    public func raftLag(of member: EtcdMember) -> UInt64? {
        guard let index = member.status?.raftIndex, let top = maxRaftIndex else { return nil }
        return top >= index ? top - index : 0
    }
}
