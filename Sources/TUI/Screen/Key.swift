import ShipshapeCore
import PaneKit
/// A key press, decoded from the terminal into what the key table binds.
///
/// Printable input arrives as `.char`; control bytes other than Tab, Enter, Escape and
/// Backspace arrive as `.ctrl` with the lowercase letter (Ctrl-R is `.ctrl("r")`).
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case tab
    case backTab
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    case enter
    case escape
    case backspace
    /// The terminal changed size; `rows`/`cols` already report the new size.
    case resize
    case ctrl(Character)

    /// The key as shown in help texts and key hints: "Tab", "S-Tab", "↑", "Enter", "q",
    /// "C-r". One spelling per key, so the help overlay and README agree.
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .resize: "Resize"
        case .ctrl(let c): "C-\(c)"
        }
    }
}
