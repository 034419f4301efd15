import ShipshapeCore
/// One environment variable of a service: its name and what kind of value it has.
/// The value itself is read once, at decode time, to classify it — and dropped.
public struct SwarmEnvVar: Sendable, Hashable, Codable {
    public enum Value: String, Sendable, Hashable, Codable {
        /// No value, or `NAME=` with nothing after it.
        case empty
        /// A path under `/run/secrets/`: the value lives in a Docker secret.
        case secretFile
        /// Anything else, kept in the service spec in plain text.
        case plain
    }

    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }

    /// `*PASSWORD*`, `*TOKEN*`, `*SECRET*`, `*_KEY` (RULES.md SWARM-SECRETS), plus the
    /// usual spellings `PASSWD` and `CREDENTIAL`. A `*_FILE` variable names a file, not a secret.
    public var looksSecret: Bool {
        let upper = name.uppercased()
        if upper.hasSuffix("_FILE") { return false }
        return ["PASSWORD", "PASSWD", "TOKEN", "SECRET", "CREDENTIAL"].contains { upper.contains($0) } || upper.hasSuffix("_KEY")
    }

    /// A secret-looking variable whose value sits in the spec for anyone who can inspect it.
    public var isPlainSecret: Bool { looksSecret && value == .plain }
}
