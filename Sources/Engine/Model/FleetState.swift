/// fleet machines and units (filled in by the fleet probe).
public struct FleetState: Sendable {
    public init() {}
}
