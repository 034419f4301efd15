/// Builds a platform's adapter for a pinned target and a runner — the one place
/// that maps a platform to its adapter (used by replay, and by snapshots).
public enum PlatformRegistry {
    public static func adapter(for target: Target, runner: any CommandRunner) throws(TargetError) -> any PlatformAdapter {
        switch target.platform {
        case .workflow:
            guard let kube = target.kube else { throw .cannotResolve("a Workflow target needs a kube context") }
            return WorkflowAdapter(target: target, kube: kube, runner: runner)
        default:
            throw .cannotResolve("\(target.platform.displayName) snapshots cannot be replayed yet")
        }
    }

    /// The demo scenario's adapter with its sandbox runner wrapped (e.g. to record it).
    public static func demoAdapter(_ scenario: DemoScenario, wrap: (any CommandRunner) -> any CommandRunner) throws -> any PlatformAdapter {
        let plain = try scenario.makeAdapter(latencyMilliseconds: 0)
        return try adapter(for: plain.target, runner: wrap(plain.runner))
    }
}
