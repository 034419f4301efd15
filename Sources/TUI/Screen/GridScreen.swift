import ShipshapeCore
import PaneKit
/// An in-memory `Screen`: a grid of cells, each a character and a role.
///
/// Tests draw panes on it and compare `text()` with what they expect; the text matches
/// what `tmux capture-pane -p` shows for the same frame on a real terminal (wide glyphs
/// appear once, trailing spaces are trimmed), so unit and end-to-end expectations read
/// alike.
public final class GridScreen: Screen {
    /// One cell. The right half of a wide glyph is a continuation cell: it holds no
    /// character of its own, as in a terminal.
    struct Cell: Equatable {
        var character: Character
        var role: StyleRole
        var isContinuation: Bool

        static func blank(_ role: StyleRole) -> Cell {
            Cell(character: " ", role: role, isContinuation: false)
        }
    }

    public private(set) var rows: Int
    public private(set) var cols: Int
    /// How many times `flush()` was called: lets tests check that a frame was finished.
    public private(set) var flushCount = 0
    private var cells: [Cell]

    /// A blank grid of `rows` × `cols` cells (negative sizes count as 0).
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        self.cells = Array(repeating: .blank(.normal), count: self.rows * self.cols)
    }

    public func clear() {
        for i in cells.indices { cells[i] = .blank(.normal) }
    }

    public func put(row: Int, col: Int, _ text: String, role: StyleRole, width: Int?) {
        guard row >= 0, row < rows,
              let layout = LineLayout(text, col: col, width: width, screenCols: cols)
        else { return }
        var x = layout.start
        for character in layout.text {
            let w = DisplayWidth.of(character)
            place(character, width: w, row: row, col: x, role: role)
            x += w
        }
    }

    public func fill(row: Int, col: Int, width: Int, height: Int, role: StyleRole) {
        guard width > 0, height > 0 else { return }
        for r in row..<(row + height) {
            put(row: r, col: col, "", role: role, width: width)
        }
    }

    public func box(row: Int, col: Int, height: Int, width: Int, role: StyleRole, heavy: Bool) {
        (heavy ? BoxGlyphs.heavy : BoxGlyphs.unicode).draw(on: self, row: row, col: col, height: height, width: width, role: role)
    }

    public func flush() {
        flushCount += 1
    }

    /// The whole grid as text: rows joined by "\n", trailing spaces trimmed per row
    /// (trailing empty rows are kept, as blank lines).
    public func text() -> String {
        (0..<rows).map { row($0) }.joined(separator: "\n")
    }

    /// One row as text; trailing spaces trimmed unless `trimming` is false.
    public func row(_ index: Int, trimming: Bool = true) -> String {
        precondition(index >= 0 && index < rows, "row \(index) outside 0..<\(rows)")
        var line = ""
        for cell in cells[(index * cols)..<((index + 1) * cols)] where !cell.isContinuation {
            line.append(cell.character)
        }
        guard trimming else { return line }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The role a cell was drawn in (both halves of a wide glyph report its role).
    public func role(atRow row: Int, col: Int) -> StyleRole {
        cells[index(row, col)].role
    }

    /// The character whose glyph starts at this cell; nil for the right half of a wide glyph.
    public func character(atRow row: Int, col: Int) -> Character? {
        let cell = cells[index(row, col)]
        return cell.isContinuation ? nil : cell.character
    }

    /// Changes the size as a terminal does: what fits stays, the rest is blank. A wide
    /// glyph cut by the new right edge becomes a space.
    public func resize(rows newRows: Int, cols newCols: Int) {
        let newRows = max(0, newRows), newCols = max(0, newCols)
        var fresh = Array(repeating: Cell.blank(.normal), count: newRows * newCols)
        for r in 0..<min(rows, newRows) {
            for c in 0..<min(cols, newCols) {
                fresh[r * newCols + c] = cells[r * cols + c]
            }
            // A glyph continuing past the new edge is cut: blank it back to its head.
            if newCols < cols, newCols > 0, cells[r * cols + newCols].isContinuation {
                var c = newCols - 1
                while c >= 0 {
                    let wasContinuation = fresh[r * newCols + c].isContinuation
                    fresh[r * newCols + c] = .blank(fresh[r * newCols + c].role)
                    if !wasContinuation { break }
                    c -= 1
                }
            }
        }
        rows = newRows
        cols = newCols
        cells = fresh
    }

    private func index(_ row: Int, _ col: Int) -> Int {
        precondition(row >= 0 && row < rows && col >= 0 && col < cols,
                     "cell (\(row), \(col)) outside \(rows) × \(cols)")
        return row * cols + col
    }

    /// Writes one glyph; any wide glyph it partly covers is blanked whole, as a
    /// terminal does, so no half glyph is ever left behind.
    private func place(_ character: Character, width: Int, row: Int, col: Int, role: StyleRole) {
        let base = row * cols
        // Overwriting the right half of a wide glyph: blank back to its head.
        if cells[base + col].isContinuation {
            var c = col - 1
            while c >= 0 {
                let wasContinuation = cells[base + c].isContinuation
                cells[base + c] = .blank(cells[base + c].role)
                if !wasContinuation { break }
                c -= 1
            }
        }
        // Overwriting the head of a wide glyph that reaches past this one: blank its tail.
        var c = col + width
        while c < cols, cells[base + c].isContinuation {
            cells[base + c] = .blank(cells[base + c].role)
            c += 1
        }
        cells[base + col] = Cell(character: character, role: role, isContinuation: false)
        for k in 1..<max(width, 1) {
            cells[base + col + k] = Cell(character: " ", role: role, isContinuation: true)
        }
    }
}
