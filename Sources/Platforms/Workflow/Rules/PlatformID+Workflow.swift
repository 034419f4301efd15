import ShipshapeCore

extension PlatformID {
    /// Deis Workflow on Kubernetes (seed 002).
    public static let workflow = PlatformID("workflow", displayName: "Deis Workflow")
}
