import PaneKit
import ShipshapeCore

/// Where each pane goes for a terminal size. Wide terminals get two columns (what the
/// cluster is on the left, what to do about it on the right); narrow ones a single stack
/// with findings first.
public struct Layout: Sendable, Equatable {
    public static let minimumRows = 16
    public static let minimumCols = 60

    public var panes: [PaneKind: Rect]

    /// nil when the terminal is too small to draw anything useful.
    public static func compute(rows: Int, cols: Int, panes: [PaneSpec]) -> Layout? {
        guard rows >= minimumRows, cols >= minimumCols else { return nil }
        let top = 1
        let height = rows - 2
        var result: [PaneKind: Rect] = [:]
        if cols >= 100 {
            let leftWidth = max(cols * 2 / 5, 44)
            stack(panes.filter { $0.column == 0 }, into: &result, top: top, height: height, col: 0, width: leftWidth)
            stack(panes.filter { $0.column != 0 }, into: &result, top: top, height: height, col: leftWidth, width: cols - leftWidth)
        } else {
            let ordered = panes.filter { $0.kind == .findings } + panes.filter { $0.kind != .findings }
            stack(ordered.map { spec in
                var spec = spec
                spec.weight = spec.kind == .findings ? 2 : 1
                return spec
            }, into: &result, top: top, height: height, col: 0, width: cols)
        }
        return Layout(panes: result)
    }

    /// Splits a column's height among panes by weight; the last takes the remainder.
    static func stack(_ panes: [PaneSpec], into result: inout [PaneKind: Rect], top: Int, height: Int, col: Int, width: Int) {
        let total = panes.map(\.weight).reduce(0, +)
        guard total > 0 else { return }
        var row = top
        for (index, pane) in panes.enumerated() {
            let share = index == panes.count - 1 ? top + height - row : height * pane.weight / total
            result[pane.kind] = Rect(row: row, col: col, height: share, width: width)
            row += share
        }
    }
}
