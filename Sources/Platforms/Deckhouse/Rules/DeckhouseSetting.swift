import ShipshapeCore

/// Settings of ModuleConfig `deckhouse` the Deckhouse fixes change.
public enum DeckhouseSetting {
    /// `spec.settings.releaseChannel`.
    public static let releaseChannel = Setting(scope: "moduleconfig/deckhouse", key: "releaseChannel")
}
