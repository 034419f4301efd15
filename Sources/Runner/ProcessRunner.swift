import Foundation
import ShipshapeCore
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs real tools through swift-subprocess: argv only, an explicit environment,
/// a timeout per call and a cap on what is captured.
public struct ProcessRunner: CommandRunner {
    public var defaultTimeoutSeconds: Double
    public var outputLimitBytes: Int
    public var environment: [String: String]

    /// - Parameter environment: the exact environment children see; defaults to
    ///   `ProcessRunner.explicitEnvironment()`.
    public init(
        defaultTimeoutSeconds: Double = 10,
        outputLimitBytes: Int = 256 * 1_048_576,
        environment: [String: String] = ProcessRunner.explicitEnvironment()
    ) {
        self.defaultTimeoutSeconds = defaultTimeoutSeconds
        self.outputLimitBytes = outputLimitBytes
        self.environment = environment
    }

    /// Variables children need, nothing else. Notably absent: `KUBECONFIG`,
    /// `DOCKER_HOST`, `ETCDCTL_ENDPOINTS`, `FLEETCTL_*`, `DEISCTL_TUNNEL` — the target is always
    /// passed as flags, so an exported variable can never redirect a call. `SSH_AUTH_SOCK`
    /// is kept: it names no target, and `fleetctl ssh`/`--tunnel` and docker's `ssh://`
    /// hosts reach the operator's keys only through the agent.
    public static func explicitEnvironment(from current: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var env: [String: String] = [:]
        // DEISCTL_UNITS names where the operator keeps deisctl's unit templates, not a cluster.
        for key in ["PATH", "HOME", "USER", "TMPDIR", "KUBECACHEDIR", "DOCKER_CONFIG", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ETCDCTL_API",
                    "SSH_AUTH_SOCK", "DEISCTL_UNITS"] {
            if let value = current[key] { env[key] = value }
        }
        env["PATH"] = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["NO_COLOR"] = "1"
        return env
    }

    /// Runs the command and returns its output. The output goes to an in-memory file and is
    /// copied out at its exact size: capturing through swift-subprocess's `.bytes(limit:)`
    /// reserves the whole limit (256 MB of address space) for every call, and hands back an
    /// array that keeps it.
    public func run(_ command: Command) async throws(RunError) -> CommandOutput {
        guard let file = MemoryFileOutput(limit: outputLimitBytes) else { return try await runCapturing(command) }
        let (length, stderr) = try await run(command, into: file)
        let stdout: [UInt8]
        do {
            stdout = try file.withBytes(count: length) { Array($0) }
        } catch {
            throw .launchFailed(command: command.displayLine, detail: "could not read its output: \(error)")
        }
        return CommandOutput(stdout: stdout, stderr: stderr)
    }

    /// Large outputs go to an in-memory file rather than a pipe and are decoded in place (see
    /// `MemoryFileOutput`); where that file cannot be made, this is `run` and a read of its copy.
    public func run<T>(_ command: Command, readingOutput read: (UnsafeBufferPointer<UInt8>) throws -> T) async throws -> T {
        guard let file = MemoryFileOutput(limit: outputLimitBytes) else {
            let output = try await runCapturing(command)
            return try output.stdout.withUnsafeBufferPointer { try read($0) }
        }
        let (length, _) = try await run(command, into: file)
        return try file.withBytes(count: length, read)
    }

    /// Runs the command with its standard output going to `file`; returns how much it wrote
    /// and its standard error, once it has exited cleanly within the limit.
    private func run(_ command: Command, into file: MemoryFileOutput) async throws(RunError) -> (length: Int, stderr: String) {
        let descriptor = file.descriptor
        let (status, stderr) = try await withTimeout(command) {
            let result = try await Subprocess.run(
                Self.executable(command), arguments: Arguments(command.arguments), environment: .custom(subprocessEnvironment(for: command)),
                platformOptions: Self.platformOptions, input: .array(command.input ?? []),
                output: .fileDescriptor(FileDescriptor(rawValue: descriptor), closeAfterSpawningProcess: false),
                error: .string(limit: Self.stderrLimit))
            try Self.stopIfCancelled(result.terminationStatus)
            return (result.terminationStatus, result.standardError)
        }
        let length = file.writtenLength
        // Checked before the exit status: a tool stopped by the file's size seal exits non-zero.
        guard length <= outputLimitBytes else { throw RunError.outputTooLarge(command: command.displayLine, limitBytes: outputLimitBytes) }
        try Self.check(status, stderr: stderr, command: command) {
            (try? file.withBytes(count: length) { Self.lastLine(of: $0) }) ?? ""
        }
        return (length, stderr)
    }

    /// Where no in-memory file can be made (not Linux): the output through a pipe.
    private func runCapturing(_ command: Command) async throws(RunError) -> CommandOutput {
        let limit = outputLimitBytes
        let (status, stdout, stderr) = try await withTimeout(command) {
            let result = try await Subprocess.run(
                Self.executable(command), arguments: Arguments(command.arguments), environment: .custom(subprocessEnvironment(for: command)),
                platformOptions: Self.platformOptions, input: .array(command.input ?? []), output: .bytes(limit: limit), error: .string(limit: Self.stderrLimit))
            try Self.stopIfCancelled(result.terminationStatus)
            return (result.terminationStatus, result.standardOutput, result.standardError)
        }
        try Self.check(status, stderr: stderr, command: command) { stdout.withUnsafeBufferPointer(Self.lastLine) }
        return CommandOutput(stdout: stdout, stderr: stderr)
    }

    /// Runs `body` (which starts the command) against the command's timeout and turns every
    /// failure into a `RunError`.
    private func withTimeout<R: Sendable>(_ command: Command, _ body: @escaping @Sendable () async throws -> R) async throws(RunError) -> R {
        let timeout = command.timeoutSeconds ?? defaultTimeoutSeconds
        let line = command.displayLine
        let (result, timedOut) = await CallDeadline(seconds: timeout).run(body)
        // A call that finished as the deadline passed keeps its answer.
        if timedOut, case .failure = result { throw RunError.timedOut(command: line, seconds: timeout) }
        do {
            return try result.get()
        } catch let error as RunError {
            throw error
        } catch let error as SubprocessError {
            throw Self.translate(error, command: command, limit: outputLimitBytes)
        } catch {
            throw .launchFailed(command: line, detail: String(describing: error))
        }
    }

    /// What is kept of a tool's standard error: enough for any message. (swift-subprocess
    /// reserves this much for every call, so it stays modest.)
    static let stderrLimit = 1_048_576

    // A session of its own lets the teardown reach grandchildren (kubectl plugins, ssh) when a
    // call times out.
    static var platformOptions: PlatformOptions {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .milliseconds(300))]
        return options
    }

    static func executable(_ command: Command) -> Executable {
        command.executable.contains("/") ? .path(FilePath(command.executable)) : .name(command.executable)
    }

    /// The runner's explicit environment plus the call's own variables (which win).
    func subprocessEnvironment(for command: Command) -> [Environment.Key: String] {
        var env: [Environment.Key: String] = [:]
        for (key, value) in environment.merging(command.environment, uniquingKeysWith: { _, call in call }) {
            env[Environment.Key(stringLiteral: key)] = value
        }
        return env
    }

    /// A tool killed because its call was cancelled (timed out, or the caller gave up) did not
    /// fail on its own: that is reported as the timeout or cancellation, not as its signal.
    private static func stopIfCancelled(_ status: TerminationStatus) throws {
        if case .signaled = status, Task.isCancelled { throw CancellationError() }
    }

    /// Only a clean exit counts as success, or an exit the command says still answers it
    /// (`acceptedExitStatuses`). A tool that fails without a word on stderr (deisctl prints
    /// `Error: …` on stdout and exits 1) has the last line of its stdout taken as the reason.
    static func check(_ status: TerminationStatus, stderr: String, command: Command,
                      stdoutTail: () -> String = { "" }) throws(RunError) {
        func reason() -> String { stderr.allSatisfy(\.isWhitespace) ? stdoutTail() : stderr }
        switch status {
        case .exited(0):
            return
        case .exited(let code) where command.acceptedExitStatuses.contains(Int32(code)):
            return
        case .exited(let code):
            throw .nonZeroExit(command: command.displayLine, status: Int32(code), stderr: reason())
        case .signaled(let signal):
            throw .nonZeroExit(command: command.displayLine, status: 128 + Int32(signal), stderr: reason())
        }
    }

    /// The last non-blank line of an output, ANSI colour codes and `\r` progress rewrites
    /// removed (what a terminal would show last), at most 500 bytes of it.
    static func lastLine(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        let tail = bytes.count > 4096 ? UnsafeBufferPointer(rebasing: bytes[(bytes.count - 4096)...]) : bytes
        let text = String(decoding: tail, as: UTF8.self)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { $0.replacingOccurrences(of: "\u{1B}\\[[0-9;]*[A-Za-z]", with: "", options: .regularExpression) }
            .filter { !$0.allSatisfy(\.isWhitespace) }
        return String((lines.last ?? "").prefix(500))
    }

    static func translate(_ error: SubprocessError, command: Command, limit: Int) -> RunError {
        switch error.code {
        case .executableNotFound: return .missingBinary(command.executable)
        case .outputLimitExceeded: return .outputTooLarge(command: command.displayLine, limitBytes: limit)
        default: return .launchFailed(command: command.displayLine, detail: error.description)
        }
    }
}
