import ShipshapeCore
import ShipshapeRunner

/// One pinned cluster of a platform: the runner every call goes through, and the probe.
/// What else it can do it says by adopting capabilities (`ReplicaScaling`, `NodeMaintenance`,
/// `SettingToggle`, …): a fix asks for the capability, never for the platform.
public protocol PlatformAdapter: Sendable {
    var target: Target { get }
    /// The runner every probe and fix of this cluster goes through.
    var runner: any CommandRunner { get }
    /// Reads everything the rules need; never throws — failures land in sections.
    func probe() async -> ClusterState
}
