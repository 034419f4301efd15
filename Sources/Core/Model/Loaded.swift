/// One section of cluster state: read, failed with a reason, or not probed on this
/// platform. A failed section only darkens its own pane.
public enum Loaded<Value: Sendable>: Sendable {
    case notProbed
    case loaded(Value)
    case failed(ProbeError)

    public var value: Value? {
        if case .loaded(let value) = self { return value }
        return nil
    }

    public var error: ProbeError? {
        if case .failed(let error) = self { return error }
        return nil
    }
}

extension Loaded: Equatable where Value: Equatable {}

extension Loaded {
    /// The same section with its value transformed (failures and `.notProbed` kept).
    public func map<T: Sendable>(_ transform: (Value) -> T) -> Loaded<T> {
        switch self {
        case .loaded(let value): return .loaded(transform(value))
        case .failed(let error): return .failed(error)
        case .notProbed: return .notProbed
        }
    }
}
