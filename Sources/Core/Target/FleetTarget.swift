/// A fleet cluster pinned as fleetctl reaches it: the driver, the endpoint and (when fleetctl
/// goes through a cluster machine over SSH) the tunnel host — `FLEETCTL_DRIVER`,
/// `FLEETCTL_ENDPOINT`, `FLEETCTL_TUNNEL`, resolved once at start. Every fleetctl call is built
/// here and carries all three as flags, so nothing the operator exports later can redirect one.
public struct FleetTarget: Sendable, Hashable, Codable {
    /// fleetctl's two ways to reach fleet (`--driver`).
    public enum Driver: String, Sendable, Hashable, Codable, CaseIterable {
        /// fleet's HTTP API (fleetctl 1.0's default), usually `unix:///var/run/fleet.sock` on a machine.
        case api = "API"
        /// fleet's registry in etcd, read directly: the Deis v1 era's `--driver=etcd --endpoint ETCD`.
        case etcd

        /// `etcd`, `API` (any case), as fleetctl's `--driver` and `FLEETCTL_DRIVER` take it.
        public init?(flag: String) {
            switch flag.lowercased() {
            case "api": self = .api
            case "etcd": self = .etcd
            default: return nil
            }
        }
    }

    /// One URL, or with the etcd driver a comma-separated list of etcd members.
    public var endpoint: String
    public var driver: Driver
    /// `--tunnel HOST[:PORT]`: a cluster member to reach the endpoint (and `fleetctl ssh`) through.
    public var tunnel: String?

    public init(endpoint: String, driver: Driver = .api, tunnel: String? = nil) {
        self.endpoint = endpoint
        self.driver = driver
        self.tunnel = tunnel
    }

    // Snapshots and audit entries written before the driver was pinned have none: fleetctl's default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        endpoint = try c.decode(String.self, forKey: .endpoint)
        driver = try c.decodeIfPresent(Driver.self, forKey: .driver) ?? .api
        tunnel = try c.decodeIfPresent(String.self, forKey: .tunnel)
    }

    /// The pinned global flags, in fleetctl's own spelling.
    public var flags: [String] {
        ["--driver=\(driver.rawValue)", "--endpoint=\(endpoint)"] + (tunnel.map { ["--tunnel=\($0)"] } ?? [])
    }

    /// `fleetctl --driver=D --endpoint=E [--tunnel=T] ARGS…`
    public func fleetctl(_ arguments: [String], timeoutSeconds: Double? = nil) -> Command {
        Command("fleetctl", flags + arguments, timeoutSeconds: timeoutSeconds)
    }

    /// "etcd http://10.0.1.11:2379 via bastion": how the header names the pin.
    public var label: String {
        "\(driver == .etcd ? "etcd" : "API") \(endpoint)" + (tunnel.map { " via \($0)" } ?? "")
    }
}
