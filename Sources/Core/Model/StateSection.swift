/// A platform's part of a `ClusterState` (Kubernetes objects, etcd membership, the swarm…).
/// Platforms define their own sections in their own modules; the state stores them by type,
/// so `ClusterState` names no platform.
public protocol StateSection: Sendable {
    /// Reads inside a loaded section that failed on their own (one CRD of several), so the
    /// status bar and `check`'s exit status count them.
    var failures: [ProbeError] { get }
}

extension StateSection {
    public var failures: [ProbeError] { [] }
}
