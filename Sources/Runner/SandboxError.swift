/// A demo scenario that cannot be loaded.
public enum SandboxError: Error, CustomStringConvertible {
    case badScenario(String)
    public var description: String {
        switch self { case .badScenario(let why): return "bad demo scenario: \(why)" }
    }
}
