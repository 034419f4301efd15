/// Where each pane goes for a terminal size. Wide terminals get two columns
/// (the cluster on the left, findings and activity on the right); narrow ones a
/// single stack with findings first.
public struct Layout: Sendable, Equatable {
    public static let minimumRows = 16
    public static let minimumCols = 60

    public var panes: [PaneID: Rect]

    /// nil when the terminal is too small to draw anything useful.
    public static func compute(rows: Int, cols: Int, panes: [PaneID] = [.nodes, .router, .findings, .activity]) -> Layout? {
        guard rows >= minimumRows, cols >= minimumCols else { return nil }
        let top = 1
        let height = rows - 2
        var result: [PaneID: Rect] = [:]
        if cols >= 100 {
            let leftWidth = max(cols * 2 / 5, 44)
            let left = panes.filter { $0.column == 0 }
            let right = panes.filter { $0.column == 1 }
            stack(left, into: &result, top: top, height: height, col: 0, width: leftWidth, weights: { $0 == .updateWindows ? 2 : 1 })
            stack(right, into: &result, top: top, height: height, col: leftWidth, width: cols - leftWidth,
                  weights: { $0 == .findings ? 5 : ($0 == .backups ? 2 : 3) })
        } else {
            let ordered = panes.filter { $0 == .findings } + panes.filter { $0 != .findings }
            stack(ordered, into: &result, top: top, height: height, col: 0, width: cols, weights: { $0 == .findings ? 2 : 1 })
        }
        return Layout(panes: result)
    }

    /// Splits a column's height among panes by weight; the last takes the remainder.
    static func stack(_ panes: [PaneID], into result: inout [PaneID: Rect], top: Int, height: Int, col: Int, width: Int,
                      weights: (PaneID) -> Int) {
        let total = panes.map(weights).reduce(0, +)
        guard total > 0 else { return }
        var row = top
        for (index, pane) in panes.enumerated() {
            let share = index == panes.count - 1 ? top + height - row : height * weights(pane) / total
            result[pane] = Rect(row: row, col: col, height: share, width: width)
            row += share
        }
    }
}
