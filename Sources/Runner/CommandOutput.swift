import ShipshapeCore
/// What a finished process handed back. Only successful runs produce one:
/// failures are `RunError`s.
public struct CommandOutput: Sendable {
    public var stdout: [UInt8]
    public var stderr: String

    public init(stdout: [UInt8], stderr: String = "") {
        self.stdout = stdout
        self.stderr = stderr
    }

    public init(text: String, stderr: String = "") {
        self.init(stdout: Array(text.utf8), stderr: stderr)
    }

    /// Standard output as UTF-8 text; invalid bytes are an error, not garbage on screen.
    public func text(for command: Command) throws(RunError) -> String {
        guard let text = String(validating: stdout, as: UTF8.self) else {
            throw .undecodable(command: command.displayLine, detail: "output is not valid UTF-8")
        }
        return text
    }
}
