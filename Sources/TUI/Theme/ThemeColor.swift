import Foundation
import ShipshapeCore
import PaneKit

/// A terminal colour as a theme names it: the terminal's own default, one of the eight
/// ANSI colours by name, or an xterm-256 palette index.
public enum ThemeColor: Sendable, Hashable {
    /// The terminal's own foreground or background (keeps transparent backgrounds).
    case `default`
    /// A palette index 0–255; 0–7 are the named ANSI colours.
    case index(UInt8)

    /// The eight names a theme may use, in ANSI order (black = 0 … white = 7).
    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses a theme value: "default", a name from `names`, or "0"–"255".
    /// Case-insensitive; nil for anything else.
    public init?(name: String) {
        let value = name.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "default" {
            self = .default
        } else if let i = Self.names.firstIndex(of: value) {
            self = .index(UInt8(i))
        } else if let n = UInt8(value) {
            self = .index(n)
        } else {
            return nil
        }
    }

    /// How a theme file spells this colour.
    public var name: String {
        switch self {
        case .default: "default"
        case .index(let n) where n < 8: Self.names[Int(n)]
        case .index(let n): String(n)
        }
    }

    /// The closest of the first `available` colours, for terminals with fewer than 256:
    /// bright colours (8–15) lose their brightness, the 6×6×6 cube and grey ramp map to the
    /// nearest ANSI colour. Returns -1 for `.default` (curses' "terminal default").
    func cursesNumber(available: Int) -> Int32 {
        guard case .index(let value) = self else { return -1 }
        let n = Int(value)
        if n < available { return Int32(n) }
        if n < 16 { return Int32(n - 8) }
        if n >= 232 { return n >= 244 ? 7 : 0 }      // grey ramp: light → white, dark → black
        let cube = n - 16                             // 6×6×6 cube: each axis on at level ≥ 3
        let r = cube / 36 >= 3 ? 1 : 0, g = (cube / 6) % 6 >= 3 ? 2 : 0, b = cube % 6 >= 3 ? 4 : 0
        return Int32(r | g | b)
    }
}
