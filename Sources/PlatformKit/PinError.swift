/// A request that cannot be pinned, in a sentence naming what is wrong (a TLS file that does
/// not exist, a docker host that is not a swarm manager).
public struct PinError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
