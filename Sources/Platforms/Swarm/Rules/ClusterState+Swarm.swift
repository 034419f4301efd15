import ShipshapeCore

extension SwarmState: StateSection {}

extension ClusterState {
    /// The swarm as one manager's docker CLI reported it.
    public var swarm: Loaded<SwarmState> {
        get { self[section: SwarmState.self] }
        set { self[section: SwarmState.self] = newValue }
    }
}
