import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShipshapeCore
import PaneKit

/// Gives the terminal back to the shell however the process ends.
///
/// - SIGINT, SIGTERM and SIGHUP become a flag (`pendingSignal`) that the app loop polls,
///   so it shuts curses down cleanly and exits with `exitCode(for:)` (130/143/129). A
///   second one arriving before the first was taken means the app is stuck: the
///   terminal is restored on the spot and the process exits.
/// - Fatal signals (SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE, SIGTRAP — Swift runtime
///   traps arrive as SIGILL/SIGTRAP) get a C-level handler that restores the terminal,
///   then hands the signal to whoever had it before (the Swift backtracer, or the
///   default action), so crash reports print on a sane screen.
/// - An `atexit` hook covers `exit()` from anywhere.
///
/// Restoring only happens while armed (curses on screen): a clean `shutdown()` disarms,
/// so a normal exit writes nothing extra.
public final class TerminalGuard: Sendable {
    /// The one guard of the process (signal dispositions are per process).
    public static let shared = TerminalGuard()

    private let installed = Atomic<Bool>(false)
    private let pending = Atomic<Int32>(0)
    /// Signal sources must stay alive to keep delivering.
    private let sources = Mutex<[any DispatchSourceSignal]>([])

    private init() {}

    /// The first SIGINT/SIGTERM/SIGHUP received and not yet taken, if any.
    public var pendingSignal: Int32? {
        let signal = pending.load(ordering: .acquiring)
        return signal == 0 ? nil : signal
    }

    /// Returns and clears the pending signal (for an app that asks before quitting).
    public func takePendingSignal() -> Int32? {
        let signal = pending.exchange(0, ordering: .acquiringAndReleasing)
        return signal == 0 ? nil : signal
    }

    /// The conventional exit status for dying of `signal`: 128 + signal number.
    public static func exitCode(for signal: Int32) -> Int32 { 128 + signal }

    /// Saves the terminal settings of stdin and installs every handler. Call once, early,
    /// before curses starts (`CursesTerminal` calls it); later calls do nothing.
    public func install() {
        guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        GuardState.prepare()
        GuardState.saveTermios()
        atexit { TerminalGuard.emergencyRestore() }

        sources.withLock { sources in
            for number in [SIGINT, SIGTERM, SIGHUP] {
                // Ignore the default action first, so the signal reaches only the source.
                _ = signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
                source.setEventHandler { [self] in received(number) }
                source.resume()
                sources.append(source)
            }
        }

        for number in [SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE, SIGTRAP] {
            GuardState.installFatalHandler(for: number)
        }
    }

    /// Curses is on screen: from now on, restore with `sequence` (the terminal's own
    /// sgr0/cnorm/rmkx/rmcup) if the process ends abnormally.
    public func arm(restoreSequence sequence: [UInt8]) {
        GuardState.arm(sequence.isEmpty ? Array(Self.fallbackSequence.utf8) : sequence)
    }

    /// Curses was shut down cleanly: nothing to restore any more.
    public func disarm() {
        GuardState.disarm()
    }

    /// True between `arm` and `disarm` (or an emergency restore).
    public var isArmed: Bool { GuardState.isArmed }

    /// Restores the saved terminal settings and leaves the alternate screen, once.
    ///
    /// Safe to call from a signal handler as far as Swift allows: it touches only
    /// preallocated memory and atomics and calls `tcsetattr` and `write`.
    public static func emergencyRestore() {
        GuardState.restore()
    }

    /// Used when terminfo gave nothing: leave the alternate screen, show the cursor,
    /// reset attributes (xterm and everything modelled on it).
    public static let fallbackSequence = "\u{1b}[0m\u{1b}[?25h\u{1b}[?1049l"

    private func received(_ signal: Int32) {
        if pending.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing).exchanged {
            return
        }
        // Still pending from before: the app is not polling. Restore and leave now.
        TerminalGuard.emergencyRestore()
        _exit(TerminalGuard.exitCode(for: signal))
    }
}
