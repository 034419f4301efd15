import Foundation

/// Stops a child started with Foundation's `Process`. `waitUntilExit` cannot be used
/// in a process that also runs swift-subprocess: its monitor may reap the child
/// first, and Foundation then waits forever. So: SIGTERM, poll, SIGKILL.
enum ChildProcess {
    static func stop(_ pid: Int32, grace: Double = 5) {
        guard pid > 0, isAlive(pid) else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            if !isAlive(pid) { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        while isAlive(pid) { usleep(20_000) }
    }

    /// Reaps the child if it is ours and has exited; true while it still runs.
    static func isAlive(_ pid: Int32) -> Bool {
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid { return false }
        return kill(pid, 0) == 0
    }
}
