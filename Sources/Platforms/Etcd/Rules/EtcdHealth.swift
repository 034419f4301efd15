import ShipshapeCore
/// Whether a member can serve a linearizable read (what `endpoint health` tests).
public enum EtcdHealth: Sendable, Hashable {
    case healthy
    /// Answered, but cannot serve reads (e.g. "etcdserver: no leader").
    case unhealthy(String)
    /// Did not answer at all: counted as a failure in the quorum arithmetic.
    case down(String)
    /// Added to the cluster but never started: counted as a failure too.
    case unstarted
    /// Not read (no client URL to ask, or not probed yet).
    case unknown

    /// One word for narrow columns.
    public var word: String {
        switch self {
        case .healthy: return "healthy"
        case .unhealthy: return "unhealthy"
        case .down: return "down"
        case .unstarted: return "unstarted"
        case .unknown: return "unknown"
        }
    }

    /// Down or never started: what the quorum arithmetic counts as a failed member.
    /// An unhealthy member that still answers is not counted (it votes when a leader exists).
    public var countsAsFailure: Bool {
        switch self {
        case .down, .unstarted: return true
        default: return false
        }
    }

    public var reason: String? {
        switch self {
        case .unhealthy(let why), .down(let why): return why
        default: return nil
        }
    }
}
