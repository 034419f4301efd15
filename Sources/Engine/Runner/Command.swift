/// One process invocation, as an argv array. Never a shell line: cluster data
/// only ever reaches a child process as a separate argument.
public struct Command: Sendable, Hashable, Codable {
    /// Executable name (looked up on PATH) or absolute path.
    public var executable: String
    public var arguments: [String]
    /// Overrides the runner's default timeout for this call.
    public var timeoutSeconds: Double?

    public init(_ executable: String, _ arguments: [String], timeoutSeconds: Double? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.timeoutSeconds = timeoutSeconds
    }

    /// The whole command line, for previews and the audit log.
    public var argv: [String] { [executable] + arguments }

    /// A copy-pasteable rendering for screens: each argument quoted when needed.
    public var displayLine: String {
        argv.map(Self.quoteForDisplay).joined(separator: " ")
    }

    static func quoteForDisplay(_ argument: String) -> String {
        let plain = argument.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || "0123456789-_=./:,@%+".unicodeScalars.contains($0)
        }
        if plain && !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
