import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShipshapeCore
import PaneKit

/// What `TerminalGuard` needs inside a signal handler, kept where a handler can reach it.
///
/// A C signal handler gets no context pointer, so this state is global. It is allocated
/// once in `prepare()` (before any handler is installed — lazy global initialisation
/// inside a handler could deadlock) and never freed. The raw pointers are
/// `nonisolated(unsafe)`: Swift 6 cannot prove them race-free, and the discipline that
/// makes them so is manual: the bytes are written only while disarmed, and published by
/// the `armed` atomic (release on arm, acquire-exchange on restore).
enum GuardState {
    static let capacity = 512
    nonisolated(unsafe) static let termiosStorage = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) static let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    static let length = Atomic<Int>(0)
    static let hasTermios = Atomic<Bool>(false)
    static let armed = Atomic<Bool>(false)

    /// Touches every global so none is first initialised inside a handler.
    static func prepare() {
        _ = termiosStorage
        _ = bytes
        _ = previousActions
        _ = length.load(ordering: .relaxed)
        _ = hasTermios.load(ordering: .relaxed)
        _ = armed.load(ordering: .relaxed)
    }

    /// Remembers stdin's settings as the shell left them (nothing if stdin is no tty).
    static func saveTermios() {
        if tcgetattr(STDIN_FILENO, termiosStorage) == 0 {
            hasTermios.store(true, ordering: .releasing)
        }
    }

    static func arm(_ sequence: [UInt8]) {
        armed.store(false, ordering: .sequentiallyConsistent)
        let count = min(sequence.count, capacity)
        sequence.withUnsafeBufferPointer { source in
            bytes.update(from: source.baseAddress!, count: count)
        }
        length.store(count, ordering: .releasing)
        armed.store(true, ordering: .releasing)
    }

    static func disarm() {
        armed.store(false, ordering: .releasing)
    }

    static var isArmed: Bool { armed.load(ordering: .acquiring) }

    static func restore() {
        guard armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        if hasTermios.load(ordering: .acquiring) {
            _ = tcsetattr(STDIN_FILENO, TCSANOW, termiosStorage)
        }
        var offset = 0
        let total = length.load(ordering: .acquiring)
        while offset < total {
            let written = write(STDOUT_FILENO, bytes + offset, total - offset)
            if written <= 0 { break }
            offset += written
        }
    }

    /// Installs the fatal-signal handler for `signal`, remembering the previous action
    /// (the Swift backtracer's, usually) to chain to.
    static func installFatalHandler(for signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = fatalSignalHandler
        action.sa_flags = SA_SIGINFO | SA_ONSTACK
        sigemptyset(&action.sa_mask)
        _ = sigaction(signal, &action, previousActions + Int(signal))
    }
}

/// Restores the terminal, puts the previous handler back and lets the signal reach it.
/// A fault (positive `si_code`) re-executes the faulting instruction on return and so
/// faults again into the previous handler with its real details; a signal that was sent
/// (`kill`, `raise`, `abort`: `si_code` ≤ 0) and SIGTRAP (whose instruction is not
/// re-executed on x86) are raised again, and arrive as soon as this handler returns.
private let fatalSignalHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = {
    signal, info, _ in
    GuardState.restore()
    _ = sigaction(signal, GuardState.previousActions + Int(signal), nil)
    if signal == SIGTRAP || info == nil || info!.pointee.si_code <= 0 {
        _ = raise(signal)
    }
}
