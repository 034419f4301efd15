import ShipshapeCore
import PaneKit
/// Why the terminal could not be started. The messages are meant to be printed as they
/// are, before any curses output, and say what to change.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, redirected, or no tty at all).
    case notATerminal
    /// `TERM` is unset or empty.
    case noTerminalType
    /// terminfo has no entry for this `TERM`.
    case unknownTerminal(String)
    /// A device file for a headless terminal could not be opened.
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "the interactive console needs a terminal on stdin and stdout (use 'shipshape check' for plain output)"
        case .noTerminalType:
            "TERM is not set: cannot drive the terminal (try TERM=xterm-256color)"
        case .unknownTerminal(let name):
            "unknown terminal type '\(name)': no terminfo entry (try TERM=xterm-256color, or install ncurses-term)"
        case .cannotOpen(let path):
            "cannot open \(path) for a headless terminal"
        }
    }
}
