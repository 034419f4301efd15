/// Docker Swarm nodes, services and tasks (filled in by the Swarm probe).
public struct SwarmState: Sendable {
    public init() {}
}
