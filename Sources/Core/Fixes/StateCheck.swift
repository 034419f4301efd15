/// A precondition of a fix: read one value live and compare it with what the
/// preview showed. If the cluster changed since the plan was made, the fix is refused.
public struct StateCheck: Sendable, Hashable, Codable {
    public var description: String
    /// A read-only command (e.g. `kubectl get --raw …/deployments/deis-router`).
    public var command: Command
    /// Path into the command's JSON output; `[name=X]` picks the array element with that name.
    /// Empty: the whole output, trimmed, is the value (empty output = absent).
    public var jsonPath: [String]
    /// The value the preview assumed; nil means "absent".
    public var expected: String?

    public init(description: String, command: Command, jsonPath: [String], expected: String?) {
        self.description = description
        self.command = command
        self.jsonPath = jsonPath
        self.expected = expected
    }
}
