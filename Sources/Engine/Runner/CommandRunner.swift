/// The only way shipshape starts a process. Implementations: `ProcessRunner`
/// (real tools) and `SandboxRunner` (the embedded demo), so the same engine runs on both.
public protocol CommandRunner: Sendable {
    /// Runs the command; a non-zero exit, a timeout, a missing binary or an
    /// oversized output throws a `RunError`.
    func run(_ command: Command) async throws(RunError) -> CommandOutput
}
