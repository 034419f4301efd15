/// A fleet cluster pinned by its endpoint (and, when fleetctl reaches it over SSH, its
/// tunnel host). Every fleetctl call is built here.
public struct FleetTarget: Sendable, Hashable, Codable {
    public var endpoint: String
    /// `--tunnel HOST[:PORT]`: a cluster member to reach the endpoint (and `fleetctl ssh`) through.
    public var tunnel: String?

    public init(endpoint: String, tunnel: String? = nil) {
        self.endpoint = endpoint
        self.tunnel = tunnel
    }

    /// `fleetctl --endpoint=E [--tunnel=T] ARGS…`
    public func fleetctl(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        var args = ["--endpoint=\(endpoint)"]
        if let tunnel { args.append("--tunnel=\(tunnel)") }
        return Command("fleetctl", args + arguments, timeoutSeconds: timeoutSeconds)
    }
}
