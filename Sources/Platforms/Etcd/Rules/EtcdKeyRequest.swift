import ShipshapeCore
/// A key the etcd probe should read for a platform's rules.
public struct EtcdKeyRequest: Sendable, Hashable {
    public var key: String
    /// Read with `--keys-only`: for secrets (e.g. `/deis/router/sslKey`) whose value
    /// must never reach shipshape's memory, screens or logs — only presence is learned.
    public var presenceOnly: Bool

    public init(_ key: String, presenceOnly: Bool = false) {
        self.key = key
        self.presenceOnly = presenceOnly
    }
}
