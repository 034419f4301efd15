import ShipshapeCore
/// The only way shipshape starts a process. Implementations: `ProcessRunner`
/// (real tools) and `SandboxRunner` (the embedded demo), so the same engine runs on both.
public protocol CommandRunner: Sendable {
    /// Runs the command; a non-zero exit, a timeout, a missing binary or an
    /// oversized output throws a `RunError`.
    func run(_ command: Command) async throws(RunError) -> CommandOutput

    /// Runs the command and lets `read` decode its standard output where it lies, for outputs
    /// too large to copy cheaply (the node list of a big cluster). The buffer is valid only
    /// during the call. A failed command throws its `RunError`; what `read` throws is rethrown.
    func run<T>(_ command: Command, readingOutput read: (UnsafeBufferPointer<UInt8>) throws -> T) async throws -> T
}

extension CommandRunner {
    /// Runners without a cheaper way read the captured output.
    public func run<T>(_ command: Command, readingOutput read: (UnsafeBufferPointer<UInt8>) throws -> T) async throws -> T {
        let output = try await run(command)
        return try output.stdout.withUnsafeBufferPointer { try read($0) }
    }
}
