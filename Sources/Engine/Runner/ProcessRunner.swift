import Foundation
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
    /// `DOCKER_HOST`, `ETCDCTL_ENDPOINTS`, `FLEETCTL_ENDPOINT` — the target is always
    /// passed as flags, so an exported variable can never redirect a call.
    public static func explicitEnvironment(from current: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var env: [String: String] = [:]
        for key in ["PATH", "HOME", "USER", "TMPDIR", "KUBECACHEDIR", "DOCKER_CONFIG", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ETCDCTL_API"] {
            if let value = current[key] { env[key] = value }
        }
        env["PATH"] = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["NO_COLOR"] = "1"
        return env
    }

    public func run(_ command: Command) async throws(RunError) -> CommandOutput {
        let timeout = command.timeoutSeconds ?? defaultTimeoutSeconds
        let line = command.displayLine
        do {
            return try await withThrowingTaskGroup(of: CommandOutput?.self) { group in
                group.addTask { try await launch(command) }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let output = first else {
                    throw RunError.timedOut(command: line, seconds: timeout)
                }
                return output
            }
        } catch let error as RunError {
            throw error
        } catch let error as SubprocessError {
            throw Self.translate(error, command: command, limit: outputLimitBytes)
        } catch {
            throw .launchFailed(command: line, detail: String(describing: error))
        }
    }

    private func launch(_ command: Command) async throws -> CommandOutput {
        var options = PlatformOptions()
        // A session of its own lets the teardown reach grandchildren (kubectl plugins,
        // ssh) when a call times out.
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .milliseconds(300))]
        let executable: Executable = command.executable.contains("/")
            ? .path(FilePath(command.executable)) : .name(command.executable)
        var env: [Environment.Key: String] = [:]
        for (key, value) in environment { env[Environment.Key(stringLiteral: key)] = value }
        let result = try await Subprocess.run(
            executable,
            arguments: Arguments(command.arguments),
            environment: .custom(env),
            platformOptions: options,
            output: .bytes(limit: outputLimitBytes),
            error: .string(limit: 1_048_576)
        )
        let stderr = result.standardError
        switch result.terminationStatus {
        case .exited(0):
            return CommandOutput(stdout: result.standardOutput, stderr: stderr)
        case .exited(let code):
            throw RunError.nonZeroExit(command: command.displayLine, status: Int32(code), stderr: stderr)
        case .signaled(let signal):
            if Task.isCancelled { throw CancellationError() }
            throw RunError.nonZeroExit(command: command.displayLine, status: 128 + Int32(signal), stderr: stderr)
        }
    }

    static func translate(_ error: SubprocessError, command: Command, limit: Int) -> RunError {
        switch error.code {
        case .executableNotFound: return .missingBinary(command.executable)
        case .outputLimitExceeded: return .outputTooLarge(command: command.displayLine, limitBytes: limit)
        default: return .launchFailed(command: command.displayLine, detail: error.description)
        }
    }
}
