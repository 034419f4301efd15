/// How long to wait before reconnecting a broken stream: doubling from `initial` up to `limit`,
/// back to `initial` once a stream has delivered again.
public struct Backoff: Sendable, Equatable {
    public var initial: Double
    public var limit: Double
    public private(set) var current: Double

    public init(initial: Double = 0.5, limit: Double = 30) {
        self.initial = initial
        self.limit = limit
        self.current = initial
    }

    /// The wait to use now; the next one doubles.
    public mutating func next() -> Double {
        defer { current = min(current * 2, limit) }
        return current
    }

    public mutating func reset() { current = initial }
}
