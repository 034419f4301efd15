import ShipshapeCore
import PaneKit

/// Key names as `keys.yaml` writes them: the labels the help shows (`Tab`, `S-Tab`, `C-d`,
/// `PgDn`, `↓`, `Esc`, `Enter`, `Space`) plus plain-ASCII aliases (`Down`, `Escape`,
/// `Ctrl-d`, `BackTab`), or a single printable character.
enum KeyNames {
    static let named: [String: Key] = {
        var names: [String: Key] = [:]
        let keys: [Key] = [.tab, .backTab, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .char(" ")]
        for key in keys { names[key.label.lowercased()] = key }
        let aliases: [String: Key] = ["up": .up, "down": .down, "left": .left, "right": .right, "escape": .escape, "return": .enter,
                                      "backtab": .backTab, "shift-tab": .backTab, "pageup": .pageUp, "pagedown": .pageDown, "bs": .backspace]
        names.merge(aliases) { a, _ in a }
        return names
    }()

    /// The key a name means, or nil for a name that is not a key.
    static func key(_ name: String) -> Key? {
        if name.count == 1, let character = name.first, character.asciiValue.map({ $0 >= 0x21 && $0 < 0x7F }) ?? !character.isWhitespace {
            return .char(character)
        }
        if let key = named[name.lowercased()] { return key }
        for prefix in ["C-", "Ctrl-", "ctrl-", "^"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if rest.count == 1, let letter = rest.lowercased().first, letter.isLetter, letter.isASCII { return .ctrl(letter) }
        }
        return nil
    }
}
