import Foundation
import Engine
import TUI

/// Owns the terminal for the lifetime of the console and always gives it back:
/// on `q`, on SIGINT/SIGTERM (exit 130/143) and, through `TerminalGuard`, on a crash.
@MainActor
enum ConsoleRunner {
    static func run(session: Session, options: ConsoleOptions) async -> Int32 {
        await run(workspace: Workspace(session: session), options: options)
    }

    /// The console on every cluster of the workspace (one, or several side by side).
    static func run(workspace: Workspace, options: ConsoleOptions) async -> Int32 {
        let theme: Theme
        do {
            theme = try ThemeLoader().load(named: options.theme)
        } catch {
            FileHandle.standardError.write(Data("shipshape: \(error)\n".utf8))
            return 2
        }
        TerminalGuard.shared.install()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(theme: theme)
        } catch {
            FileHandle.standardError.write(Data("shipshape: \(error)\n".utf8))
            return 2
        }
        let controller = ConsoleController(workspace: workspace, screen: terminal, readOnly: options.readOnly,
                                           autoRefreshSeconds: options.refreshSeconds > 0 ? options.refreshSeconds : nil,
                                           watchInterval: options.interval, watching: options.watch)
        controller.bellOnAlarm = options.bell
        controller.start()
        var status: Int32 = 0
        while !controller.quitRequested {
            if let signal = TerminalGuard.shared.takePendingSignal() {
                status = TerminalGuard.exitCode(for: signal)
                break
            }
            if let key = terminal.readKey(timeoutMilliseconds: 40) {
                controller.handle(key)
            }
            controller.tick()
            if controller.takeBell() { terminal.bell() }
            // Lets finished refreshes and fixes hop back onto the main actor.
            try? await Task.sleep(for: .milliseconds(1))
        }
        terminal.shutdown()
        return status
    }
}
