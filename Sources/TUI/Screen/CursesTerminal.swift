import CNcurses
import Foundation
import ShipshapeCore
import PaneKit

/// The real terminal, driven through ncursesw.
///
/// Curses keeps global state, so every call stays on the main actor: the class and its
/// `Screen` conformance are main-actor isolated (an isolated conformance, so `GridScreen`
/// and the protocol itself stay usable anywhere). The terminal enters
/// the alternate screen on the first `flush()` (terminfo's smcup) and leaves it on
/// `shutdown()`; `TerminalGuard` restores it if the process dies first.
@MainActor
public final class CursesTerminal: @MainActor Screen {
    /// Where the terminal lives.
    public enum Device: Sendable, Equatable {
        /// stdin/stdout with `$TERM`: the interactive console.
        case standardStreams
        /// No real terminal: curses writes to /dev/null with the given type and size.
        /// For tests that must exercise real curses; nothing is armed in `TerminalGuard`.
        case headless(terminalType: String, rows: Int, cols: Int)
    }

    /// The theme in effect: the one asked for, or `Theme.monochrome` when `NO_COLOR` is
    /// set or the terminal has no colours.
    public private(set) var theme: Theme
    /// True when roles are drawn with colour pairs.
    public private(set) var colourEnabled = false
    /// True when the locale is UTF-8 (boxes use line-drawing characters, not `+-|`).
    public let isUTF8: Bool

    private var screen: OpaquePointer?
    private let window: UnsafeMutablePointer<WINDOW>
    private let environment: [String: String]
    private var files: [UnsafeMutablePointer<FILE>] = []
    private var attributes: [StyleRole: attr_t] = [:]
    private var pairs: [StyleRole: Int16] = [:]

    /// Starts curses on the terminal.
    ///
    /// Sets a UTF-8 `LC_CTYPE` (falling back to C.UTF-8 when the environment's locale is
    /// not UTF-8: otherwise text and boxes turn to garbage), installs `TerminalGuard`, and
    /// uses `newterm` rather than `initscr` so an unknown `TERM` is an error to report,
    /// not an exit. Only `LC_CTYPE` is changed, so number formatting stays "C".
    public init(theme: Theme, device: Device = .standardStreams,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalError) {
        self.environment = environment
        self.theme = theme
        self.isUTF8 = Self.setUTF8Locale()

        let type: String
        let output: UnsafeMutablePointer<FILE>
        let input: UnsafeMutablePointer<FILE>
        switch device {
        case .standardStreams:
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
            guard let term = environment["TERM"], !term.isEmpty else { throw .noTerminalType }
            type = term
            output = shim_stdout()
            input = shim_stdin()
            TerminalGuard.shared.install()
        case .headless(let terminalType, _, _):
            guard let out = fopen("/dev/null", "w") else { throw .cannotOpen("/dev/null") }
            guard let inp = fopen("/dev/null", "r") else { fclose(out); throw .cannotOpen("/dev/null") }
            type = terminalType
            output = out
            input = inp
            files = [out, inp]
        }

        guard let screen = newterm(type, output, input) else {
            for file in files { fclose(file) }
            throw .unknownTerminal(type)
        }
        self.screen = screen
        _ = set_term(screen)
        guard let window = shim_stdscr() else {
            delscreen(screen)
            for file in files { fclose(file) }
            throw .unknownTerminal(type)
        }
        self.window = window

        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = curs_set(0)
        _ = set_escdelay(25)
        if case .headless(_, let rows, let cols) = device {
            _ = resizeterm(Int32(rows), Int32(cols))
            // resizeterm queues a KEY_RESIZE; the input is /dev/null, so drain it.
            wtimeout(window, 0)
            var code: wint_t = 0
            _ = wget_wch(window, &code)
        } else {
            TerminalGuard.shared.arm(restoreSequence: Self.restoreSequence())
        }
        apply(theme: theme)
    }

    isolated deinit {
        shutdown()
    }

    /// Switches the look of every role; takes effect on what is drawn next.
    public func apply(theme requested: Theme) {
        guard screen != nil else { return }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor, requested.usesColour, has_colors() {
            if !colourEnabled {
                _ = start_color()
            }
            colourEnabled = true
        } else {
            colourEnabled = false
        }
        // Without colour, a colour theme would lose its distinctions: use monochrome,
        // which keeps roles apart by attributes. An attributes-only theme stays as is.
        theme = colourEnabled || (!noColor && !requested.usesColour) ? requested : .monochrome
        let defaults = colourEnabled && use_default_colors() == OK
        let available = Int(shim_colors())

        for (index, role) in StyleRole.allCases.enumerated() {
            let style = theme[role]
            var attrs = shim_A_NORMAL()
            if style.bold { attrs |= shim_A_BOLD() }
            if style.dim { attrs |= shim_A_DIM() }
            if style.reverse { attrs |= shim_A_REVERSE() }
            if style.underline { attrs |= shim_A_UNDERLINE() }
            attributes[role] = attrs
            if colourEnabled, index + 1 < Int(shim_color_pairs()) {
                let pair = Int16(index + 1)
                var fg = style.fg.cursesNumber(available: available)
                var bg = style.bg.cursesNumber(available: available)
                if !defaults {
                    if fg < 0 { fg = Int32(COLOR_WHITE) }
                    if bg < 0 { bg = Int32(COLOR_BLACK) }
                }
                _ = init_pair(pair, Int16(fg), Int16(bg))
                pairs[role] = pair
            } else {
                pairs[role] = 0
            }
        }
        let normal = chtype(attributes[.normal] ?? 0) | chtype(bitPattern: COLOR_PAIR(Int32(pairs[.normal] ?? 0)))
        wbkgdset(window, normal | chtype(UInt8(ascii: " ")))
    }

    public var rows: Int { screen == nil ? 0 : Int(getmaxy(window)) }
    public var cols: Int { screen == nil ? 0 : Int(getmaxx(window)) }

    public func clear() {
        guard screen != nil else { return }
        _ = werase(window)
    }

    public func put(row: Int, col: Int, _ text: String, role: StyleRole, width: Int?) {
        guard screen != nil, row >= 0, row < rows,
              let layout = LineLayout(text, col: col, width: width, screenCols: cols)
        else { return }
        _ = wattr_set(window, attributes[role] ?? 0, pairs[role] ?? 0, nil)
        // The bottom-right cell returns ERR (the cursor cannot advance) but is drawn.
        _ = layout.text.withCString { mvwaddstr(window, Int32(row), Int32(layout.start), $0) }
    }

    public func fill(row: Int, col: Int, width: Int, height: Int, role: StyleRole) {
        guard width > 0, height > 0 else { return }
        for r in row..<(row + height) {
            put(row: r, col: col, "", role: role, width: width)
        }
    }

    public func box(row: Int, col: Int, height: Int, width: Int, role: StyleRole, heavy: Bool) {
        (isUTF8 ? (heavy ? BoxGlyphs.heavy : BoxGlyphs.unicode) : (heavy ? BoxGlyphs.asciiHeavy : BoxGlyphs.ascii))
            .draw(on: self, row: row, col: col, height: height, width: width, role: role)
    }

    public func flush() {
        guard screen != nil else { return }
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    /// Waits up to `timeoutMilliseconds` for a key (0: just look, negative: wait for
    /// ever). Returns nil on timeout and for keys shipshape does not use. `.resize`
    /// means `rows`/`cols` changed: redraw everything.
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        guard screen != nil else { return nil }
        wtimeout(window, timeoutMilliseconds)
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        return KeyDecoder.decode(status: status, code: UInt32(code))
    }

    /// Leaves curses and gives the terminal back (main screen, cursor, modes). Safe to
    /// call more than once; drawing afterwards does nothing.
    /// Rings the terminal bell (watch mode alarms).
    public func bell() {
        if screen != nil { beep() }
    }

    public func shutdown() {
        guard let screen else { return }
        _ = endwin()
        delscreen(screen)
        self.screen = nil
        for file in files { fclose(file) }
        files = []
        if TerminalGuard.shared.isArmed { TerminalGuard.shared.disarm() }
    }

    /// What curses holds for a cell: the character and how it is drawn. For tests and
    /// diagnostics; nil outside the screen.
    func cell(atRow row: Int, col: Int) -> (character: Character, bold: Bool, reverse: Bool, underline: Bool, pair: Int16)? {
        guard screen != nil else { return nil }
        var ch: wchar_t = 0
        var attrs: attr_t = 0
        var pair: Int16 = 0
        guard shim_cell_at(window, Int32(row), Int32(col), &ch, &attrs, &pair) == OK,
              let scalar = Unicode.Scalar(UInt32(bitPattern: ch))
        else { return nil }
        let plain = shim_attr_without_color(attrs)
        return (Character(scalar), plain & shim_A_BOLD() != 0, plain & shim_A_REVERSE() != 0,
                plain & shim_A_UNDERLINE() != 0, pair)
    }

    /// Chooses a UTF-8 `LC_CTYPE`: the environment's if it is UTF-8, else C.UTF-8.
    /// Returns whether the result is UTF-8.
    private static func setUTF8Locale() -> Bool {
        func isUTF8() -> Bool {
            guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
            let name = String(cString: codeset).uppercased()
            return name == "UTF-8" || name == "UTF8"
        }
        if setlocale(LC_CTYPE, "") != nil, isUTF8() { return true }
        if setlocale(LC_CTYPE, "C.UTF-8") != nil, isUTF8() { return true }
        return false
    }

    /// The terminal's own way back to normal (attributes off, cursor on, keypad off,
    /// leave alternate screen), read from terminfo now that `newterm` loaded it.
    private static func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = shim_tigetstr(capability) {
                bytes += Array(String(cString: value).utf8)
            }
        }
        return bytes
    }
}
