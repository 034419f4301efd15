import ShipshapeCore
/// etcd membership and health as one refresh saw it. Members come from `member list`;
/// each member's status and health are read from its own endpoint (v3), or from v2
/// `cluster-health`, so a member that does not answer stays in the list, marked down, instead of
/// silently disappearing.
public struct EtcdState: Sendable, Equatable {
    /// `header.cluster_id` of the member list answer (v3 only).
    public var clusterID: UInt64?
    public var members: [EtcdMember]
    /// Keys the platform asked the probe to read (Deis v1 configuration); `.notProbed`
    /// when it asked for none, `.failed` when etcd would not serve them (e.g. no quorum).
    public var keys: Loaded<EtcdKeys>
    /// The API membership and keys were read through.
    public var api: EtcdAPI
    /// v2 `member list`'s `isLeader=true` member (etcd ≥ 2.3); nil when none is marked, or v3.
    public var listedLeader: UInt64?
    /// v2 `cluster-health`'s verdict on the whole cluster; nil when not asked (v3).
    public var clusterHealth: EtcdClusterHealth?
    /// Which stores hold data (read for a bare etcd cluster, where snapshots are offered).
    public var storeUse: EtcdStoreUse?

    public init(clusterID: UInt64? = nil, members: [EtcdMember] = [], keys: Loaded<EtcdKeys> = .notProbed, api: EtcdAPI = .v3,
                listedLeader: UInt64? = nil, clusterHealth: EtcdClusterHealth? = nil) {
        self.clusterID = clusterID
        self.members = members
        self.keys = keys
        self.api = api
        self.listedLeader = listedLeader
        self.clusterHealth = clusterHealth
    }

    /// The quorum arithmetic over the voting members.
    public var quorum: EtcdQuorum { EtcdQuorum(members: members) }

    /// Distinct leader IDs the answering members report (0 or absent = "no leader"). Where no
    /// member answered a v3 status call (etcd 2.x), the v2 member list's `isLeader` stands in —
    /// unless `cluster-health` found no quorum: a lone survivor still lists itself as leader.
    public var reportedLeaders: Set<UInt64> {
        let reported = Set(members.compactMap { $0.status?.leader })
        if !reported.isEmpty || members.contains(where: \.answered) { return reported }
        guard api == .v2, let listedLeader, clusterHealth != .unavailable, clusterHealth != .unhealthy else { return [] }
        return [listedLeader]
    }

    /// Whether anything told us about leadership: a v3 status answer, or v2 `cluster-health`.
    public var leadershipKnown: Bool {
        members.contains(where: \.answered) || (api == .v2 && clusterHealth != nil)
    }

    /// Whether this member is the leader every answer agrees on.
    public func isLeader(_ member: EtcdMember) -> Bool {
        leader?.id == member.id
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
