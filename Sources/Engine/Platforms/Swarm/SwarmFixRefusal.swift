/// Why the Swarm adapter will not plan a fix, in a sentence for the operator.
public struct SwarmFixRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = Sanitizer.line(reason, maxLength: 400)
    }

    public var description: String { reason }
}
