import ShipshapeCore
/// A key the etcd probe should read for a platform's rules.
public struct EtcdKeyRequest: Sendable, Hashable {
    /// A key, or a pattern in which a `*` stands for one path segment (`/deis/*/image`): read
    /// through the v2 listing, which says which keys exist.
    public var key: String
    /// Read for presence only (v2 `ls`, v3 `--keys-only`): for secrets (e.g. `/deis/router/sslKey`)
    /// whose value must never reach shipshape's memory, screens or logs.
    public var presenceOnly: Bool

    public init(_ key: String, presenceOnly: Bool = false) {
        self.key = key
        self.presenceOnly = presenceOnly
    }

    public var isPattern: Bool { key.contains("*") }

    /// Whether a listed key is this request's (itself, or a match of the pattern).
    public func matches(_ listed: String) -> Bool {
        guard isPattern else { return listed == key }
        let want = key.split(separator: "/", omittingEmptySubsequences: false)
        let have = listed.split(separator: "/", omittingEmptySubsequences: false)
        return want.count == have.count && zip(want, have).allSatisfy { $0 == "*" ? !$1.isEmpty : $0 == $1 }
    }
}
