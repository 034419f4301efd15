import ShipshapeCore
import PaneKit
/// Places one `put` call on a row of a given width: the shared clipping rule of every
/// `Screen` backend, so the curses terminal and the test grid can never disagree.
struct LineLayout: Equatable {
    /// First column written (never negative).
    var start: Int
    /// What to write from `start`: drawable glyphs and padding spaces only.
    var text: String
    /// Cells `text` covers.
    var cells: Int

    /// Lays `text` out at `col` in a field of `width` cells (the text's own width when
    /// nil), clipped to `0..<screenCols`. Returns nil when nothing is visible.
    ///
    /// Glyphs cut by either edge of the visible span become spaces, so the span is
    /// always covered exactly; with `width`, the rest of the field is padded.
    init?(_ text: String, col: Int, width: Int?, screenCols: Int) {
        let ascii = DisplayWidth.isPrintableASCII(text)
        let textWidth = ascii ? text.utf8.count : DisplayWidth.of(text)
        let field = width.map { max(0, $0) } ?? textWidth
        let visibleStart = max(col, 0)
        let visibleEnd = min(col + field, screenCols)
        guard visibleStart < visibleEnd else { return nil }

        // Fast path: printable ASCII fully inside, the common case for every frame.
        if ascii, col >= 0, col + textWidth <= visibleEnd {
            let padding = visibleEnd - (col + textWidth)
            self.start = col
            self.text = padding > 0 ? text + String(repeating: " ", count: padding) : text
            self.cells = visibleEnd - col
            return
        }

        var out = ""
        var x = col
        for character in text {
            if x >= visibleEnd { break }
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            let end = x + w
            if x < visibleStart {
                if end > visibleStart {
                    out += String(repeating: " ", count: min(end, visibleEnd) - visibleStart)
                }
            } else if end > visibleEnd {
                out += String(repeating: " ", count: visibleEnd - x)
            } else {
                out.append(character)
            }
            x = end
        }
        let covered = max(visibleStart, min(x, visibleEnd))
        if width != nil, covered < visibleEnd {
            out += String(repeating: " ", count: visibleEnd - covered)
        }
        let cells = (width != nil ? visibleEnd : covered) - visibleStart
        guard cells > 0 else { return nil }
        self.start = visibleStart
        self.text = out
        self.cells = cells
    }
}
