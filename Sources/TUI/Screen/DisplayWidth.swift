import CNcurses
import ShipshapeCore
import PaneKit

/// Measures text in terminal cells, the unit every layout decision is made in.
///
/// Widths come from `wcwidth` (through the shim, under a UTF-8 locale), summed over the
/// scalars of a character: that is how ncurses itself lays a string out, so what is
/// measured here is what lands on screen. Control characters measure 0 and are dropped
/// by `clip`/`pad`; cluster strings are sanitised before drawing anyway.
public enum DisplayWidth {
    /// Cells taken by one character: 1 for most, 2 for wide glyphs, 0 for control and
    /// zero-width characters (which are not drawn).
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            return (ascii >= 0x20 && ascii < 0x7F) ? 1 : 0
        }
        var width = 0
        for scalar in character.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
            let w = shim_wcwidth(wchar_t(bitPattern: value))
            if w > 0 { width += Int(w) }
        }
        return width
    }

    /// Cells taken by `text` when drawn (dropped characters count 0).
    public static func of(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var width = 0
        for character in text { width += of(character) }
        return width
    }

    /// The longest prefix of `text` that fits in `cells`, without control characters.
    /// A wide glyph that would not fit whole is left out (never half-drawn).
    public static func clip(_ text: String, to cells: Int) -> String {
        guard cells > 0 else { return "" }
        if isPrintableASCII(text) {
            return text.utf8.count <= cells ? text : String(text.utf8.prefix(cells))!
        }
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if w == 0 { continue }
            if used + w > cells { break }
            result.append(character)
            used += w
        }
        return result
    }

    /// `text` clipped to `cells` and padded with spaces to exactly `cells` cells.
    public static func pad(_ text: String, to cells: Int) -> String {
        let clipped = clip(text, to: cells)
        let missing = cells - of(clipped)
        return missing > 0 ? clipped + String(repeating: " ", count: missing) : clipped
    }

    /// True when every byte is printable ASCII: then bytes, characters and cells agree,
    /// which lets the common case skip grapheme iteration.
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
