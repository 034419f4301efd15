/// Docker Swarm as MedStack Control runs it (seed 003), read and changed through
/// one manager's docker CLI pinned by `--host`.
public struct SwarmAdapter: PlatformAdapter {
    public let target: Target
    public let runner: any CommandRunner
    public let docker: DockerTarget
    let latest = SwarmLatestState()

    public init(target: Target, docker: DockerTarget, runner: any CommandRunner) {
        var target = target
        target.docker = docker
        self.target = target
        self.docker = docker
        self.runner = runner
    }

    public var rules: [any Rule] { SwarmRules.all }

    public func probe() async -> ClusterState {
        var state = ClusterState(target: target)
        state.swarm = await SwarmProbe(runner: runner, target: docker).probe()
        if let swarm = state.swarm.value { latest.store(swarm) }
        return state
    }

    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        try? planOrRefusal(intent, ruleID: ruleID, subject: subject)?.get()
    }

    /// The plan, or the reason it is refused (e.g. no worker could take the tasks);
    /// nil when the intent is not a Swarm one.
    public func planOrRefusal(_ intent: FixIntent, ruleID: String, subject: String) -> Result<FixPlan, SwarmFixRefusal>? {
        SwarmFixPlanner(target: docker, state: latest.value).plan(intent, ruleID: ruleID, subject: subject)
    }

    /// The swarm as last read by `probe()`.
    public var lastState: SwarmState? { latest.value }
}
