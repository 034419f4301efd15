/// A production recommendation as a pure function of cluster state. No I/O: rules
/// are evaluated on every refresh and tested with plain values.
public protocol Rule: Sendable {
    var info: RuleInfo { get }
    func evaluate(_ state: ClusterState, policy: Policy) -> [Finding]
}

extension Rule {
    public func finding(_ verdict: Verdict, subject: String, _ message: String, fix: FixIntent? = nil) -> Finding {
        Finding(rule: info, verdict: verdict, subject: subject, message: message, fix: fix)
    }

    /// The finding for a rule whose input could not be read.
    public func unreadable(_ error: ProbeError, subject: String) -> Finding {
        finding(.error, subject: subject, "cannot decide: \(error.message)")
    }
}
