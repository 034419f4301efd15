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
