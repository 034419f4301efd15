import Foundation
import Engine
import TUI

/// Owns the terminal for the lifetime of the console and always gives it back:
/// on `q`, on SIGINT/SIGTERM (exit 130/143) and, through `TerminalGuard`, on a crash.
@MainActor
enum ConsoleRunner {
    /// The console on every cluster of the workspace (one, or several side by side).
    static func run(workspace: Workspace, options: ConsoleOptions) async -> Int32 {
        guard let keys = loadKeys(options), let terminal = openTerminal(options) else { return 2 }
        let status = await runConsole(workspace: workspace, terminal: terminal, options: options, keys: keys)
        terminal.shutdown()
        return status
    }

    /// Opens the screen first, shows `startup` while `prepare` resolves and pins the targets
    /// (and detects their platforms, which reads the clusters), then runs the console on what
    /// it returns. `q` or a signal during preparation cancels it (its tools are torn down)
    /// and quits. When `prepare` throws, the screen is restored first and the error rethrown,
    /// so the caller reports it on the plain terminal.
    static func run(startup: StartupView, options: ConsoleOptions,
                    prepare: @escaping @Sendable () async throws -> Workspace) async throws -> Int32 {
        guard let keys = loadKeys(options), let terminal = openTerminal(options) else { return 2 }
        let outcome = StartupOutcome()
        let task = Task { () -> Workspace in try await prepare() }
        Task { outcome.result = await task.result }
        let clock = ContinuousClock()
        let start = clock.now
        var drawnSecond = -1
        while outcome.result == nil {
            if let signal = TerminalGuard.shared.takePendingSignal() {
                return await abandon(task, terminal: terminal, status: TerminalGuard.exitCode(for: signal))
            }
            let key = terminal.readKey(timeoutMilliseconds: 40)
            // The console's own key table says which key quits; nothing else means anything yet.
            if let key, keys.binding(for: key, in: .console)?.action == .quit { return await abandon(task, terminal: terminal, status: 0) }
            // Redrawn once a second for the counter (and on resize), not every poll: idle CPU.
            let second = Int((clock.now - start).seconds)
            if second != drawnSecond || key == .resize {
                startup.draw(on: terminal, elapsed: Double(second))
                drawnSecond = second
            }
            try? await Task.sleep(for: .milliseconds(1))
        }
        switch outcome.result {
        case .success(let workspace)?:
            let status = await runConsole(workspace: workspace, terminal: terminal, options: options, keys: keys)
            terminal.shutdown()
            return status
        case .failure(let error)?:
            terminal.shutdown()
            throw error
        case nil:
            preconditionFailure("the loop above ends only with an outcome")
        }
    }

    /// The key table: `--keys FILE`, else `keys.yaml` in the config directory, else the
    /// standard one. A bad file is reported, with its line, before the screen opens.
    private static func loadKeys(_ options: ConsoleOptions) -> KeyMap? {
        do {
            return try KeyMapLoader().loadDefault(explicitPath: options.keys)
        } catch {
            FileHandle.standardError.write(Data("shipshape: \(error)\n".utf8))
            return nil
        }
    }

    private static func openTerminal(_ options: ConsoleOptions) -> CursesTerminal? {
        let theme: Theme
        do {
            theme = try ThemeLoader().load(named: options.theme)
        } catch {
            FileHandle.standardError.write(Data("shipshape: \(error)\n".utf8))
            return nil
        }
        TerminalGuard.shared.install()
        do {
            return try CursesTerminal(theme: theme)
        } catch {
            FileHandle.standardError.write(Data("shipshape: \(error)\n".utf8))
            return nil
        }
    }

    /// Cancels preparation (tearing down any tool it is waiting on), waits for it to stop so
    /// no child outlives the console, and restores the terminal.
    private static func abandon(_ task: Task<Workspace, any Error>, terminal: CursesTerminal, status: Int32) async -> Int32 {
        task.cancel()
        _ = await task.result
        terminal.shutdown()
        return status
    }

    private static func runConsole(workspace: Workspace, terminal: CursesTerminal, options: ConsoleOptions, keys: KeyMap) async -> Int32 {
        let controller = ConsoleController(workspace: workspace, screen: terminal, readOnly: options.readOnly,
                                           autoRefreshSeconds: options.refreshSeconds > 0 ? options.refreshSeconds : nil,
                                           watchInterval: options.interval, watching: options.watch, keys: keys)
        controller.bellOnAlarm = options.bell
        controller.start()
        while !controller.quitRequested {
            if let signal = TerminalGuard.shared.takePendingSignal() {
                return TerminalGuard.exitCode(for: signal)
            }
            // A key ends the wait at once either way; the timeout only bounds how late a
            // finished refresh or fix is drawn (busy) or the clock and schedule move (idle).
            if let key = terminal.readKey(timeoutMilliseconds: controller.isBusy ? 40 : 200) {
                controller.handle(key)
            }
            controller.tick()
            if controller.takeBell() { terminal.bell() }
            // Lets finished refreshes and fixes hop back onto the main actor.
            try? await Task.sleep(for: .milliseconds(1))
        }
        return 0
    }
}

/// Where the preparation task leaves its result for the main loop to pick up.
@MainActor
private final class StartupOutcome {
    var result: Result<Workspace, any Error>?
}

private extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
