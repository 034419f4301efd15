/// A precondition of a fix: read one value live and compare it with what the
/// preview showed. If the cluster changed since the plan was made, the fix is refused.
public struct StateCheck: Sendable, Hashable, Codable {
    /// How a tool says "no such value" by failing: v2 `etcdctl get` exits 4 with
    /// `Error:  100: Key not found (…)` on stderr. Only that exact answer reads as absent; any
    /// other failure (the same exit 4 for a server without the v2 API) stays a failure.
    public struct AbsentSignal: Sendable, Hashable, Codable {
        public var status: Int32
        public var stderrContains: String

        public init(status: Int32, stderrContains: String) {
            self.status = status
            self.stderrContains = stderrContains
        }

        public func matches(status: Int32, stderr: String) -> Bool {
            status == self.status && stderr.contains(stderrContains)
        }
    }

    public var description: String
    /// A read-only command (e.g. `kubectl get --raw …/deployments/deis-router`).
    public var command: Command
    /// Path into the command's JSON output; `[name=X]` picks the array element with that name.
    /// Empty: the whole output, trimmed, is the value (empty output = absent).
    public var jsonPath: [String]
    /// The value the preview assumed; nil means "absent".
    public var expected: String?
    /// When set, the command failing this way means the value is absent.
    public var absentWhen: AbsentSignal?

    public init(description: String, command: Command, jsonPath: [String], expected: String?, absentWhen: AbsentSignal? = nil) {
        self.description = description
        self.command = command
        self.jsonPath = jsonPath
        self.expected = expected
        self.absentWhen = absentWhen
    }
}
