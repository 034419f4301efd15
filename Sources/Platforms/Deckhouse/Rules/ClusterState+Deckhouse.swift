import ShipshapeCore

extension DeckhouseState: StateSection {}

extension ClusterState {
    /// Deckhouse's own objects: ModuleConfigs, releases, node groups, inlets, alerting.
    public var deckhouse: Loaded<DeckhouseState> {
        get { self[section: DeckhouseState.self] }
        set { self[section: DeckhouseState.self] = newValue }
    }
}
