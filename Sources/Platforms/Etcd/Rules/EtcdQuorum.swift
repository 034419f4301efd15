import ShipshapeCore
/// Raft quorum arithmetic over the voting members (learners do not vote), and the
/// sentence the etcd pane shows: "3 members, tolerates 1 failure; 1 down, 0 more
/// failures tolerated".
public struct EtcdQuorum: Sendable, Equatable {
    public var voting: Int
    public var learners: Int
    /// Voting members that did not answer at all or never started.
    public var down: Int

    public init(voting: Int, learners: Int = 0, down: Int) {
        self.voting = voting
        self.learners = learners
        self.down = down
    }

    public init(members: [EtcdMember]) {
        let voters = members.filter { !$0.isLearner }
        self.init(voting: voters.count, learners: members.count - voters.count,
                  down: voters.filter(\.health.countsAsFailure).count)
    }

    /// Votes needed to commit: a strict majority.
    public var quorumSize: Int { voting / 2 + 1 }

    /// Failures the cluster survives when every member is up.
    public var tolerates: Int { voting == 0 ? 0 : (voting - 1) / 2 }

    /// Further failures it survives now; negative once quorum is lost.
    public var remaining: Int { tolerates - down }

    public var hasQuorum: Bool { voting > 0 && voting - down >= quorumSize }

    public var sentence: String {
        guard voting > 0 else { return "no voting members" + (learners > 0 ? " (\(Self.count(learners, "learner")))" : "") }
        var text = Self.count(voting, "member")
        if learners > 0 { text += " (+\(Self.count(learners, "learner")))" }
        text += ", tolerates \(Self.count(tolerates, "failure")); \(down) down, "
        text += hasQuorum ? "\(remaining) more \(remaining == 1 ? "failure" : "failures") tolerated" : "quorum lost"
        return text
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
