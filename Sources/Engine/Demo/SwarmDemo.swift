/// The Docker Swarm demo. Not built yet.
enum SwarmDemo {
    static let json = "{}"

    static func makeAdapter(latencyMilliseconds: Int) throws -> any PlatformAdapter {
        throw SandboxError.badScenario("the swarm demo is not available yet")
    }
}
