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
    /// Lines a pane needs to show a row: frame, header, one row.
    static let minimumPane = 4

    public var panes: [PaneKind: Rect]

    /// What a pane would take if it had the room: whole height and width, frame included.
    public struct Need: Sendable, Equatable {
        public var kind: PaneKind
        public var column: Int
        public var weight: Int
        public var height: Int
        public var width: Int

        public init(kind: PaneKind, column: Int, weight: Int, height: Int, width: Int) {
            self.kind = kind
            self.column = column
            self.weight = weight
            self.height = height
            self.width = width
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
            let leftWidth = min(max(wanted, max(cols * 3 / 10, 40)), cols / 2)
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

    /// Heights for a column of panes: each what it holds when all fit; else the small ones
    /// whole and the rest sharing by weight; else one line each but the focused (or the
    /// weightiest) pane, which takes what is left.
    static func split(_ needs: [Need], total: Int, focus: PaneKind) -> [Int] {
        let count = needs.count
        guard count > 0 else { return [] }
        let biggest = needs.indices.first { needs[$0].kind == focus }
            ?? needs.indices.max { needs[$0].weight < needs[$1].weight } ?? 0
        if count * minimumPane > total {
            var heights = Array(repeating: 1, count: count)
            heights[biggest] = max(total - (count - 1), 1)
            return heights
        }
        let wants = needs.map { max($0.height, minimumPane) }
        if wants.reduce(0, +) <= total {
            // The room left goes to the last pane (Activity on the right), which grows over time.
            var heights = wants
            heights[count - 1] += total - wants.reduce(0, +)
            return heights
        }
        var heights = Array(repeating: 0, count: count)
        var open = Set(needs.indices)
        var remaining = total
        var settled = true
        while settled, !open.isEmpty {
            settled = false
            let weight = open.reduce(0) { $0 + needs[$1].weight }
            for index in open.sorted() where wants[index] * weight <= remaining * needs[index].weight {
                heights[index] = wants[index]
                remaining -= wants[index]
                open.remove(index)
                settled = true
            }
        }
        let weight = max(open.reduce(0) { $0 + needs[$1].weight }, 1)
        let sorted = open.sorted()
        var left = remaining
        for (position, index) in sorted.enumerated() {
            let share = position == sorted.count - 1 ? left : max(remaining * needs[index].weight / weight, minimumPane)
            heights[index] = share
            left -= share
        }
        return heights
    }
}
