import ShipshapeCore
import PaneKit
/// The six characters of a single-line frame, and the one routine that draws it, so
/// both `Screen` backends produce the same box.
struct BoxGlyphs: Sendable {
    var topLeft: String, topRight: String, bottomLeft: String, bottomRight: String
    var horizontal: String, vertical: String

    /// Unicode light box drawing: what every UTF-8 terminal shows, and what
    /// `tmux capture-pane` gives back.
    static let unicode = BoxGlyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        horizontal: "─", vertical: "│")

    /// Heavy box drawing: the focused pane's frame.
    static let heavy = BoxGlyphs(
        topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛",
        horizontal: "━", vertical: "┃")

    /// The focused frame where box characters cannot be drawn.
    static let asciiHeavy = BoxGlyphs(
        topLeft: "#", topRight: "#", bottomLeft: "#", bottomRight: "#",
        horizontal: "=", vertical: "#")

    /// For a terminal whose locale is not UTF-8, where box characters turn to garbage.
    static let ascii = BoxGlyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        horizontal: "-", vertical: "|")

    /// Draws the frame through `screen.put`, which does all clipping. The interior is
    /// left as it is. Frames under 2 × 2 draw nothing.
    func draw(on screen: some Screen, row: Int, col: Int, height: Int, width: Int, role: StyleRole) {
        guard height >= 2, width >= 2 else { return }
        let inner = String(repeating: horizontal, count: width - 2)
        screen.put(row: row, col: col, topLeft + inner + topRight, role: role, width: nil)
        for r in (row + 1)..<(row + height - 1) {
            screen.put(row: r, col: col, vertical, role: role, width: nil)
            screen.put(row: r, col: col + width - 1, vertical, role: role, width: nil)
        }
        screen.put(row: row + height - 1, col: col, bottomLeft + inner + bottomRight, role: role, width: nil)
    }
}
