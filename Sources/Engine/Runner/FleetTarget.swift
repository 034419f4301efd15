/// A fleet cluster pinned by its endpoint. Every fleetctl call is built here.
public struct FleetTarget: Sendable, Hashable, Codable {
    public var endpoint: String

    public init(endpoint: String) {
        self.endpoint = endpoint
    }

    /// `fleetctl --endpoint=E ARGS…`
    public func fleetctl(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        Command("fleetctl", ["--endpoint=\(endpoint)"] + arguments, timeoutSeconds: timeoutSeconds)
    }
}
