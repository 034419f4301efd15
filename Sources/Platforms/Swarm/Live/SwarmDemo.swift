import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes
/// The Docker Swarm demo: the bundled scenario behind a `SwarmSandbox`, reached
/// through `SandboxRunner` with the same docker argv a real daemon gets.
enum SwarmDemo {
    static let json = SwarmScenario.json

    static func makeAdapter(latencyMilliseconds: Int) throws -> any PlatformAdapter {
        let sandbox = try SwarmSandbox(scenarioJSON: json)
        let runner = SandboxRunner(tools: ["docker": sandbox, "getent": SwarmSandboxResolver(names: sandbox.dns)],
                                   latencyMilliseconds: latencyMilliseconds)
        let docker = DockerTarget(host: sandbox.host)
        let target = Target(name: "demo-swarm", platform: .swarm, docker: docker, labels: [SwarmDNSAnswer.label: SwarmScenario.switchoverHostname])
        return SwarmAdapter(target: target, docker: docker, runner: runner)
    }
}
