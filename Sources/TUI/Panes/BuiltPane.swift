import ShipshapeCore
import PaneKit

/// A pane ready to draw: its source (filtered and sorted as the model asks) and the width
/// each column's cells need, measured once when the rows were built (over every row, so
/// columns do not jump while a filter is typed).
public struct BuiltPane: Sendable {
    public var source: any PaneSource
    public var contentWidths: [Int]

    /// Widest cell of each column, in terminal cells (titles are measured by the layout).
    static func measure(_ source: any PaneSource) -> [Int] {
        var widths = Array(repeating: 0, count: source.columns.count)
        guard !(source is any DrawnPane) else { return widths }
        for index in 0..<source.rowCount {
            for (column, cell) in source.row(at: index).enumerated() where column < widths.count {
                let width = DisplayWidth.of(cell.text)
                if width > widths[column] { widths[column] = width }
            }
        }
        return widths
    }
}
