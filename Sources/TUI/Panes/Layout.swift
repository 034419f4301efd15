/// Where each pane goes for a terminal size. Wide terminals get two columns
/// (overview left, findings and activity right); narrow ones a single stack.
public struct Layout: Sendable, Equatable {
    public static let minimumRows = 16
    public static let minimumCols = 60

    public var panes: [PaneID: Rect]

    /// nil when the terminal is too small to draw anything useful.
    public static func compute(rows: Int, cols: Int) -> Layout? {
        guard rows >= minimumRows, cols >= minimumCols else { return nil }
        let top = 1
        let height = rows - 2
        if cols >= 100 {
            let left = max(cols * 2 / 5, 44)
            let right = cols - left
            let nodesHeight = height / 2
            let findingsHeight = height * 3 / 5
            return Layout(panes: [
                .nodes: Rect(row: top, col: 0, height: nodesHeight, width: left),
                .router: Rect(row: top + nodesHeight, col: 0, height: height - nodesHeight, width: left),
                .findings: Rect(row: top, col: left, height: findingsHeight, width: right),
                .activity: Rect(row: top + findingsHeight, col: left, height: height - findingsHeight, width: right),
            ])
        }
        let share = height / 4
        let findings = height - 3 * share
        return Layout(panes: [
            .findings: Rect(row: top, col: 0, height: findings, width: cols),
            .nodes: Rect(row: top + findings, col: 0, height: share, width: cols),
            .router: Rect(row: top + findings + share, col: 0, height: share, width: cols),
            .activity: Rect(row: top + findings + 2 * share, col: 0, height: share, width: cols),
        ])
    }
}
