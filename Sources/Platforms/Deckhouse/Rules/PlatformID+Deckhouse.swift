import ShipshapeCore

extension PlatformID {
    /// Deckhouse on Kubernetes (seed 004).
    public static let deckhouse = PlatformID("deckhouse", displayName: "Deckhouse")
}
