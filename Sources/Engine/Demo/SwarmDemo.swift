/// The Docker Swarm demo: the bundled scenario behind a `SwarmSandbox`, reached
/// through `SandboxRunner` with the same docker argv a real daemon gets.
enum SwarmDemo {
    static let json = SwarmScenario.json

    static func makeAdapter(latencyMilliseconds: Int) throws -> any PlatformAdapter {
        let sandbox = try SwarmSandbox(scenarioJSON: json)
        var runner = SandboxRunner(kube: nil, latencyMilliseconds: latencyMilliseconds)
        runner.swarm = sandbox
        let docker = DockerTarget(host: sandbox.host)
        return SwarmAdapter(target: Target(name: "demo-swarm", platform: .swarm, docker: docker), docker: docker, runner: runner)
    }
}
