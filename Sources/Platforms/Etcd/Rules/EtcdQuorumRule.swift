import ShipshapeCore
/// ETCD-QUORUM: an odd membership of at least 3, every member healthy, one leader
/// agreed by all, and no learner left unpromoted. For every platform that has etcd.
public struct EtcdQuorumRule: Rule {
    public let info = RuleInfo(
        id: "ETCD-QUORUM", title: "etcd has a healthy quorum", severity: .critical, platforms: [],
        seed: "001 Isolating etcd; 004 Master nodes",
        rationale: "etcd commits a write only with a majority of voting members. An even count adds no tolerance, a down member uses it up, and without a leader nothing that depends on etcd can change."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "etcd"
        if let error = state.etcd.error { return [unreadable(error, subject: subject)] }
        guard let etcd = state.etcd.value else { return [] }
        guard !etcd.members.isEmpty else { return [finding(.fail, subject: subject, "the member list is empty")] }
        let quorum = etcd.quorum
        var problems: [String] = []
        if quorum.voting < 3 { problems.append("fewer than 3 voting members") }
        if quorum.voting % 2 == 0 { problems.append("an even number of voting members") }
        for member in etcd.members {
            switch member.health {
            case .healthy, .unknown: break
            case .unstarted: problems.append("\(member.displayName) never started")
            case .down(let why): problems.append("\(member.displayName) down (\(why))")
            case .unhealthy(let why): problems.append("\(member.displayName) unhealthy (\(why))")
            }
        }
        let leaders = etcd.reportedLeaders
        let answering = etcd.members.contains { $0.answered }
        if answering && leaders.isEmpty { problems.append("no leader") }
        if leaders.count > 1 { problems.append("members disagree on the leader (\(leaders.count) reported)") }
        if leaders.count == 1, etcd.leader == nil { problems.append("the reported leader is not in the member list") }
        for learner in etcd.members where learner.isLearner { problems.append("learner \(learner.displayName) not promoted") }
        if problems.isEmpty {
            return [finding(.pass, subject: subject, quorum.sentence + (etcd.leader.map { "; leader \($0.displayName)" } ?? ""))]
        }
        return [finding(.fail, subject: subject, quorum.sentence + "; " + problems.joined(separator: "; "))]
    }
}
