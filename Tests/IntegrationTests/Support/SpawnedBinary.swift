import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a binary with `posix_spawn`, output to files, and reaps it with `waitpid` on its
/// own pid. Foundation's `Process.waitUntilExit` can hang in a process that also runs
/// swift-subprocess, and a child neither of them knows about is reaped by no one else.
enum SpawnedBinary {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ path: String, _ arguments: [String], environment: [String: String], timeout: Double = 120) throws -> Result {
        let dir = try TestPaths.temporaryDirectory("spawn")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outPath = dir + "/stdout", errPath = dir + "/stderr"
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
        guard spawned == 0 else { throw Failed(description: "posix_spawn \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR { throw Failed(description: "waitpid: \(String(cString: strerror(errno)))") }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failed(description: "\(path) \(arguments.joined(separator: " ")) ran longer than \(timeout) s")
            }
            usleep(20_000)
        }
        // WIFEXITED / WEXITSTATUS, spelled out (the macros are not imported into Swift).
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: code,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
