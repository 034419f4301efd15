/// What a platform brings: a probe, its rules, and the fix capabilities it has.
/// Adding a platform is one adapter and one registry entry (see `PlatformRegistry`).
public protocol PlatformAdapter: Sendable {
    var target: Target { get }
    /// The runner every probe and fix of this platform goes through.
    var runner: any CommandRunner { get }
    var rules: [any Rule] { get }
    /// Reads everything the rules need; never throws — failures land in sections.
    func probe() async -> ClusterState
    /// Turns an intent into a plan if this platform can carry it out, else nil.
    func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan?
}
