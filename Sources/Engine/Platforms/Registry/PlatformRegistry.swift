/// Builds a platform's adapter for a pinned target and a runner — the one place
/// that maps a platform to its adapter (used by replay, and by snapshots).
public enum PlatformRegistry {
    public static func adapter(for target: Target, runner: any CommandRunner) throws(TargetError) -> any PlatformAdapter {
        switch target.platform {
        case .workflow:
            guard let kube = target.kube else { throw .cannotResolve("a Workflow target needs a kube context") }
            return WorkflowAdapter(target: target, kube: kube, runner: runner)
        case .deckhouse:
            guard let kube = target.kube else { throw .cannotResolve("a Deckhouse target needs a kube context") }
            return DeckhouseAdapter(target: target, kube: kube, runner: runner)
        case .swarm:
            guard let docker = target.docker else { throw .cannotResolve("a Swarm target needs a docker host") }
            return SwarmAdapter(target: target, docker: docker, runner: runner)
        case .deis1:
            guard let etcd = target.etcd, let fleet = target.fleet else { throw .cannotResolve("a Deis v1 target needs etcd and fleet endpoints") }
            return Deis1Adapter(target: target, etcd: etcd, fleet: fleet, runner: runner)
        }
    }

    /// The demo scenario's adapter with its sandbox runner wrapped (e.g. to record it).
    public static func demoAdapter(_ scenario: DemoScenario, wrap: (any CommandRunner) -> any CommandRunner) throws -> any PlatformAdapter {
        let plain = try scenario.makeAdapter(latencyMilliseconds: 0)
        return try adapter(for: plain.target, runner: wrap(plain.runner))
    }
}
