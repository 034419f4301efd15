import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running binary (a headless watch) started with `posix_spawn`, its output going to
/// files the test reads while it runs; stopped and reaped on its own pid (see SpawnedBinary for
/// why not Foundation's Process).
final class SpawnedProcess: @unchecked Sendable {
    let pid: pid_t
    let outPath: String
    let errPath: String
    private var reaped: Int32?

    init(_ path: String, _ arguments: [String], environment: [String: String], directory: String) throws {
        outPath = directory + "/stdout"
        errPath = directory + "/stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnedBinary.Failed(description: "posix_spawn \(path): \(String(cString: strerror(spawned)))") }
        self.pid = pid
    }

    func stdout() -> String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
    func stderr() -> String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    /// The exit status once it exited (128+N for a signal), polling with a deadline.
    func waitForExit(timeout: Double) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = poll() { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SpawnedBinary.Failed(description: "pid \(pid) still running after \(timeout) s")
    }

    private func poll() -> Int32? {
        if let reaped { return reaped }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        reaped = code
        return code
    }

    /// SIGKILL and reap, if it still runs.
    func stop() {
        guard poll() == nil else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        reaped = 137
    }
}
