import Foundation

/// The fastest way kubectl hands over data: the same argv, all at once, output to
/// /dev/null, nothing captured or decoded. Started with posix_spawn and reaped with
/// waitpid on each child's own pid (swift-subprocess, used by the engine in this
/// process, watches its children by pidfd and never reaps these).
enum BareKubectl {
    /// Runs every command concurrently and returns the wall time until the last exits.
    /// `failing`: commands that failed when the probe ran them (a resource the server does not
    /// serve); they must fail here too, and everything else must succeed.
    static func run(_ commands: [[String]], environment: [String: String], failing: Set<[String]> = []) throws(BenchError) -> Double {
        let env = environment.map { "\($0.key)=\($0.value)" }
        let clock = ContinuousClock()
        let start = clock.now
        var pids: [pid_t] = []
        for argv in commands {
            pids.append(try spawn(argv, environment: env))
        }
        var failures: [String] = []
        for (pid, argv) in zip(pids, commands) {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                guard errno == EINTR else { throw BenchError("waitpid failed for \(argv.joined(separator: " "))") }
            }
            // WIFEXITED && WEXITSTATUS == 0, spelled out: the macros are not imported.
            let succeeded = status & 0x7f == 0 && (status >> 8) & 0xff == 0
            if succeeded == failing.contains(argv) { failures.append(argv.joined(separator: " ")) }
        }
        let elapsed = (clock.now - start).seconds
        guard failures.isEmpty else { throw BenchError("bare kubectl did not answer as the probe's did: \(failures)") }
        return elapsed
    }

    private static func spawn(_ argv: [String], environment: [String]) throws(BenchError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // A clean signal state, as swift-subprocess gives its children: a mask inherited from a
        // runtime thread would, for one, block the signal Go uses to preempt goroutines.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in cArgs { free(pointer) }
            for pointer in cEnv { free(pointer) }
        }
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else { throw BenchError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        return pid
    }
}
