import ShipshapeCore

extension PlatformID {
    /// Docker Swarm as MedStack Control runs it (seed 003).
    public static let swarm = PlatformID("swarm", displayName: "Docker Swarm")
}
