/// The outcome of one rule on one subject.
public enum Verdict: String, Sendable, Codable {
    /// The recommendation is met.
    case pass
    /// The recommendation is not met.
    case fail
    /// Cannot be decided from the cluster: the operator checks it by hand.
    case manual
    /// Does not apply to this cluster (e.g. RBAC not served).
    case notApplicable = "n/a"
    /// The data the rule needs could not be read.
    case error
}
