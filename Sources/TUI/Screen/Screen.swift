import ShipshapeCore
import PaneKit
/// A character-cell surface that panes draw on.
///
/// Two backends share it: `CursesTerminal` for the real terminal and `GridScreen`, an
/// in-memory grid for tests, so a frame can be checked cell by cell without a terminal.
/// Every drawing call clips to the surface: callers may pass any coordinates, and nothing
/// is ever written outside `rows` × `cols`. Coordinates are zero-based cells; wide glyphs
/// (CJK, most emoji) take two cells.
public protocol Screen: AnyObject {
    /// Height in cells.
    var rows: Int { get }
    /// Width in cells.
    var cols: Int { get }

    /// Blanks the whole surface in the `normal` role.
    func clear()

    /// Draws `text` at (`row`, `col`) in `role`, clipped to the surface.
    ///
    /// With `width`, the text is also clipped to that many cells and padded with spaces
    /// up to it, so a row redrawn with fewer characters leaves no stale tail behind.
    /// A wide glyph that would straddle the clip edge is replaced by a space.
    /// Control characters are dropped; callers sanitise cluster strings before this.
    func put(row: Int, col: Int, _ text: String, role: StyleRole, width: Int?)

    /// Fills a rectangle with spaces in `role` (backgrounds, clearing a pane).
    func fill(row: Int, col: Int, width: Int, height: Int, role: StyleRole)

    /// Draws a box whose outer edge is the given rectangle: single-line (`┌─┐│└┘`), or
    /// heavy (`┏━┓┃┗┛`) for the focused pane. Boxes smaller than 2 × 2 draw nothing.
    func box(row: Int, col: Int, height: Int, width: Int, role: StyleRole, heavy: Bool)

    /// Makes everything drawn since the last flush visible.
    func flush()
}

extension Screen {
    /// Draws `text` clipped to the surface, without padding.
    public func put(row: Int, col: Int, _ text: String, role: StyleRole) {
        put(row: row, col: col, text, role: role, width: nil)
    }

    /// A single-line box.
    public func box(row: Int, col: Int, height: Int, width: Int, role: StyleRole) {
        box(row: row, col: col, height: height, width: width, role: role, heavy: false)
    }
}
