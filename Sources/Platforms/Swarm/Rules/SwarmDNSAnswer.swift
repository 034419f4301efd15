import ShipshapeCore

/// The switchover A record (003 "Map an A record … to point to the manager node"), as the
/// probe resolved it: the name the estate file gives the cluster, and its IPv4 addresses.
public struct SwarmDNSAnswer: Sendable, Hashable, Codable {
    public enum Outcome: Sendable, Hashable, Codable {
        case addresses([String])
        /// The name does not resolve (no such host).
        case unresolved
        /// The lookup itself failed (no resolver answer in time, no `getent`).
        case failed(String)
    }

    public var hostname: String
    public var outcome: Outcome

    public init(hostname: String, outcome: Outcome) {
        self.hostname = hostname
        self.outcome = outcome
    }

    /// The estate file's label naming the record: `labels: {switchover-dns: app.example.com}`.
    public static let label = "switchover-dns"
}
