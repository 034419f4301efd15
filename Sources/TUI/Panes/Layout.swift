import PaneKit
import ShipshapeCore

/// Where each pane goes for a terminal size. Wide terminals get two columns (what the
/// cluster is on the left, what to do about it on the right), the left as wide as its tables
/// want within bounds; narrow ones a single stack with findings first. Within a column,
/// panes share the height by how much they hold; when even four lines each do not fit,
/// every pane but the focused one folds to its title line. Zoom gives the focused pane all.
public struct Layout: Sendable, Equatable {
    public static let minimumRows = 16
    public static let minimumCols = 60

    public var panes: [PaneKind: Rect]

    /// What a pane would take if it had the room: whole height and width, frame included.
    public struct Need: Sendable, Equatable {
        public var kind: PaneKind
        public var column: Int
        public var weight: Int
        public var height: Int
        public var width: Int
        /// Lines that show its first row: frame, summary, header, one row.
        public var minimum: Int

        public init(kind: PaneKind, column: Int, weight: Int, height: Int, width: Int, minimum: Int = 4) {
            self.kind = kind
            self.column = column
            self.weight = weight
            self.height = height
            self.width = width
            self.minimum = minimum
        }
    }

    static func isWide(cols: Int) -> Bool { cols >= 100 }

    /// The panes in the order the screen shows them — the left column top to bottom, then
    /// the right; or the narrow stack top to bottom. Tab and the pane numbers follow it.
    public static func order(_ specs: [PaneSpec], cols: Int) -> [PaneSpec] {
        if isWide(cols: cols) { return specs.filter { $0.column == 0 } + specs.filter { $0.column != 0 } }
        return specs.filter { $0.kind == .findings } + specs.filter { $0.kind != .findings }
    }

    /// nil when the terminal is too small to draw anything useful. `needs` come in screen order.
    public static func compute(rows: Int, cols: Int, needs: [Need], focus: PaneKind, zoomed: Bool) -> Layout? {
        guard rows >= minimumRows, cols >= minimumCols else { return nil }
        let top = 1
        // Below the panes: the message line and the key bar.
        let height = rows - 3
        if zoomed, needs.contains(where: { $0.kind == focus }) {
            return Layout(panes: [focus: Rect(row: top, col: 0, height: height, width: cols)])
        }
        var result: [PaneKind: Rect] = [:]
        if isWide(cols: cols) {
            let left = needs.filter { $0.column == 0 }, right = needs.filter { $0.column != 0 }
            let wanted = left.map(\.width).max() ?? 0
            let leftWidth = min(max(wanted, cols * 2 / 5), cols / 2)
            stack(left, into: &result, top: top, height: height, col: 0, width: leftWidth, focus: focus)
            stack(right, into: &result, top: top, height: height, col: leftWidth, width: cols - leftWidth, focus: focus)
        } else {
            let findingsFirst = needs.map { need -> Need in
                var need = need
                need.weight = need.kind == .findings ? 2 : 1
                return need
            }
            stack(findingsFirst, into: &result, top: top, height: height, col: 0, width: cols, focus: focus)
        }
        return Layout(panes: result)
    }

    static func stack(_ needs: [Need], into result: inout [PaneKind: Rect], top: Int, height: Int, col: Int, width: Int, focus: PaneKind) {
        let heights = split(needs, total: height, focus: focus)
        var row = top
        for (need, share) in zip(needs, heights) {
            result[need.kind] = Rect(row: row, col: col, height: share, width: width)
            row += share
        }
    }

    /// Heights for a column of panes: each first what shows one row (or all it holds, when
    /// less), then the room left shared out a line at a time to whoever is furthest from what
    /// it holds, by weight; what nobody needs goes to the last pane. When not even that fits,
    /// one line each but the focused (or the weightiest) pane, which takes what is left.
    static func split(_ needs: [Need], total: Int, focus: PaneKind) -> [Int] {
        let count = needs.count
        guard count > 0 else { return [] }
        var wants = needs.map { max($0.height, 3) }
        var heights = needs.indices.map { min(wants[$0], max(needs[$0].minimum, 3)) }
        // Too little room: fold panes to their title line, the lightest and lowest first,
        // never the focused one, until the others show a row each.
        let foldOrder = needs.indices.filter { needs[$0].kind != focus }.sorted { (needs[$0].weight, -$0) < (needs[$1].weight, -$1) }
        for index in foldOrder where heights.reduce(0, +) > total {
            heights[index] = 1
            wants[index] = 1
        }
        // Folding began: the focused pane is what the operator reads, so fold on until it
        // shows a handful of rows (or all it holds), or nothing is left to fold.
        if let focused = needs.indices.first(where: { needs[$0].kind == focus }), heights.contains(1) {
            let enough = min(wants[focused], 8)
            for index in foldOrder where heights[index] > 1
                && total - (heights.reduce(0, +) - heights[focused]) < enough {
                heights[index] = 1
                wants[index] = 1
            }
        }
        if heights.reduce(0, +) > total {
            let biggest = needs.indices.first { needs[$0].kind == focus }
                ?? needs.indices.max { needs[$0].weight < needs[$1].weight } ?? 0
            var folded = Array(repeating: 1, count: count)
            folded[biggest] = max(total - (count - 1), 1)
            return folded
        }
        var spare = total - heights.reduce(0, +)
        while spare > 0 {
            let hungry = needs.indices.filter { heights[$0] < wants[$0] }
            guard let next = hungry.min(by: { heights[$0] * needs[$1].weight < heights[$1] * needs[$0].weight }) else { break }
            heights[next] += 1
            spare -= 1
        }
        // Nobody needs more: the last pane that is not folded takes the rest.
        heights[needs.indices.last { heights[$0] > 1 } ?? count - 1] += spare
        return heights
    }
}
