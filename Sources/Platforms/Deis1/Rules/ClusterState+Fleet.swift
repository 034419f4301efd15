import ShipshapeCore

extension FleetState: StateSection {}

extension ClusterState {
    /// fleet's machines and units (Deis v1).
    public var fleet: Loaded<FleetState> {
        get { self[section: FleetState.self] }
        set { self[section: FleetState.self] = newValue }
    }
}
