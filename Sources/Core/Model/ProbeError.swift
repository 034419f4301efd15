/// Why a probe could not read its part of the cluster, classified so panes and
/// `check` can say it plainly.
public struct ProbeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case missingBinary, unreachable, forbidden, timeout, malformed, notFound, failed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = Sanitizer.line(message, maxLength: 400)
    }

    public var description: String { message }
}
