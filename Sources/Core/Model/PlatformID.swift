/// Names a platform. Deliberately not an enum: each platform declares its own id in its own
/// module (`extension PlatformID { static let swarm = … }`), so nothing outside a platform can
/// `switch` over the set of platforms, and adding one touches no shared file but the registry.
public struct PlatformID: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// Used on the command line, in estate files and in reports: `swarm`, `deis1`, `etcd`.
    public let rawValue: String
    /// For people: "Docker Swarm".
    public let displayName: String

    public init(_ rawValue: String, displayName: String) {
        self.rawValue = rawValue
        self.displayName = displayName
    }

    public var description: String { rawValue }

    // Identity is the raw value alone: a decoded id (which only carries the raw value) equals
    // the platform's own constant.
    public static func == (lhs: PlatformID, rhs: PlatformID) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public static func < (lhs: PlatformID, rhs: PlatformID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Encoded as its raw value, as it always was in audit logs and snapshot files.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        self.init(raw, displayName: raw)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
