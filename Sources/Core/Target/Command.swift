import Foundation
/// One process invocation, as an argv array. Never a shell line: cluster data
/// only ever reaches a child process as a separate argument.
public struct Command: Sendable, Hashable, Codable {
    /// Executable name (looked up on PATH) or absolute path.
    public var executable: String
    public var arguments: [String]
    /// Overrides the runner's default timeout for this call.
    public var timeoutSeconds: Double?
    /// Variables this call needs on top of the runner's explicit environment, e.g.
    /// `ETCDCTL_API=2` for a Deis v1 key read. Names no target: targets travel as flags.
    public var environment: [String: String]
    /// Exit statuses besides 0 that still answer the question, so their output is kept: v2
    /// `etcdctl cluster-health` exits 5 when a member is down, and says which one on stdout.
    public var acceptedExitStatuses: [Int32]
    /// Bytes for the tool's standard input (an alert hook reads its event there); nil: /dev/null.
    public var input: [UInt8]?

    public init(_ executable: String, _ arguments: [String], timeoutSeconds: Double? = nil, environment: [String: String] = [:],
                acceptedExitStatuses: [Int32] = [], input: [UInt8]? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
        self.acceptedExitStatuses = acceptedExitStatuses
        self.input = input
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        executable = try c.decode(String.self, forKey: .executable)
        arguments = try c.decode([String].self, forKey: .arguments)
        timeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds)
        environment = try c.decodeIfPresent([String: String].self, forKey: .environment) ?? [:]
        acceptedExitStatuses = try c.decodeIfPresent([Int32].self, forKey: .acceptedExitStatuses) ?? []
        input = try c.decodeIfPresent([UInt8].self, forKey: .input)
    }

    /// The whole command line, for previews and the audit log.
    public var argv: [String] { [executable] + arguments }

    /// A copy-pasteable rendering for screens: each argument quoted when needed, with the
    /// call's own variables in front (`ETCDCTL_API=2 etcdctl …`).
    public var displayLine: String {
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoteForDisplay($0.value))" }
        return (variables + argv.map(Self.quoteForDisplay)).joined(separator: " ")
    }

    static func quoteForDisplay(_ argument: String) -> String {
        let plain = argument.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || "0123456789-_=./:,@%+".unicodeScalars.contains($0)
        }
        if plain && !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
