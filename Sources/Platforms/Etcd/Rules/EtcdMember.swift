import ShipshapeCore
/// One etcd member: identity from `member list`, plus what its own endpoint said.
public struct EtcdMember: Sendable, Hashable {
    /// The member ID: a 64-bit unsigned number (etcdctl prints it in decimal in JSON
    /// and in hex elsewhere); never narrowed to Int64 or Double.
    public var id: UInt64
    /// Empty for a member that was added but never started.
    public var name: String
    public var peerURLs: [String]
    public var clientURLs: [String]
    public var isLearner: Bool
    /// What `endpoint status` answered; nil when the member did not answer.
    public var status: EtcdEndpointStatus?
    public var health: EtcdHealth

    public init(id: UInt64, name: String, peerURLs: [String], clientURLs: [String], isLearner: Bool = false,
                status: EtcdEndpointStatus? = nil, health: EtcdHealth = .unknown) {
        self.id = id
        self.name = name
        self.peerURLs = peerURLs
        self.clientURLs = clientURLs
        self.isLearner = isLearner
        self.status = status
        self.health = health
    }

    /// The ID as etcdctl's simple and table output print it (`%x`: lower-case hex,
    /// no zero padding, so an ID below 2^60 has fewer than 16 digits).
    public var hexID: String { String(id, radix: 16) }

    /// etcdctl's own rule: a member without a name has never started.
    public var isStarted: Bool { !name.isEmpty }

    /// A name for screens: the member name, or the hex ID for an unstarted member.
    public var displayName: String { name.isEmpty ? hexID : name }

    /// Answered `endpoint status` (it may still be unhealthy, e.g. with no leader).
    public var answered: Bool { status != nil }

    /// This member is the leader by etcdctl's rule: `leader == header.member_id`.
    public var isLeader: Bool { status?.isLeader ?? false }
}
