import ShipshapeCore
/// ETCD-QUORUM (RULES.md, "Every platform"): critical when the cluster is in danger — a majority
/// of members not healthy, no leader or several, a learner left unpromoted; a warning for what
/// only lowers its tolerance — a member down while quorum holds, fewer than 3 members, an even
/// count (it tolerates no more failures than one member fewer). A platform may accept an even
/// count (Deis v1 runs etcd on every machine of a 3–5 machine cluster): it says why.
public struct EtcdQuorumRule: Rule {
    public let info = RuleInfo(
        id: "ETCD-QUORUM", title: "etcd has a healthy quorum", severity: .critical, platforms: [],
        seed: "001 Isolating etcd; 004 Master nodes",
        rationale: "etcd commits a write only with a majority of voting members. An even count adds no tolerance, a down member uses it up, and without a leader nothing that depends on etcd can change."
    )

    /// Why the platform accepts an even member count for this state (nil: it does not).
    public var acceptsEvenCount: @Sendable (ClusterState) -> String?

    public init(acceptsEvenCount: @escaping @Sendable (ClusterState) -> String? = { _ in nil }) {
        self.acceptsEvenCount = acceptsEvenCount
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "etcd"
        if let error = state.etcd.error { return [unreadable(error, subject: subject)] }
        guard let etcd = state.etcd.value else { return [] }
        guard !etcd.members.isEmpty else { return [finding(.fail, subject: subject, "the member list is empty")] }
        let quorum = etcd.quorum
        var critical: [String] = [], warnings: [String] = [], accepted: [String] = []
        if !quorum.hasQuorum { critical.append("quorum lost") }
        if quorum.voting < 3 { warnings.append("fewer than 3 voting members") }
        if quorum.voting % 2 == 0 {
            if let why = acceptsEvenCount(state) { accepted.append("an even count, accepted: \(why)") }
            else { warnings.append("an even number of voting members") }
        }
        for member in etcd.members {
            switch member.health {
            case .healthy, .unknown: break
            case .unstarted: warnings.append("\(member.displayName) never started")
            case .down(let why): warnings.append("\(member.displayName) down (\(why))")
            case .unhealthy(let why): warnings.append("\(member.displayName) unhealthy (\(why))")
            }
        }
        let leaders = etcd.reportedLeaders
        if etcd.leadershipKnown && leaders.isEmpty && quorum.hasQuorum { critical.append("no leader") }
        if leaders.count > 1 { critical.append("members disagree on the leader (\(leaders.count) reported)") }
        if leaders.count == 1, etcd.leader == nil { critical.append("the reported leader is not in the member list") }
        for learner in etcd.members where learner.isLearner { critical.append("learner \(learner.displayName) not promoted") }
        let problems = critical + warnings
        if problems.isEmpty {
            let notes = accepted.isEmpty ? "" : "; " + accepted.joined(separator: "; ")
            return [finding(.pass, subject: subject, quorum.sentence + (etcd.leader.map { "; leader \($0.displayName)" } ?? "") + notes)]
        }
        var result = finding(.fail, subject: subject, quorum.sentence + "; " + (problems + accepted).joined(separator: "; "))
        if critical.isEmpty { result.rule.severity = min(result.rule.severity, .warning) }
        return [result]
    }
}
