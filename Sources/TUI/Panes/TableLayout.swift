import ShipshapeCore
import PaneKit

/// Where a table's columns go in a pane of a given width: each as wide as its content (by
/// its width policy), the slack-taker given what is left, and — when even that does not
/// fit — a sideways scroll that keeps the first column and cuts the last one shown, whose
/// cells then end in `…`.
struct TableLayout: Equatable {
    /// For each column: where it starts (relative to the pane's inside) and how wide it is;
    /// width 0 means not shown.
    var starts: [Int]
    var widths: [Int]
    /// Columns scrolled off (after the first).
    var scrolled: Int
    /// True when columns remain beyond the right edge (cut or hidden).
    var moreRight: Bool

    /// The width a column wants: its title (with the sort marker when sorted by it) or its
    /// widest cell, within its policy.
    static func natural(_ column: Column, content: Int, sorted: Bool) -> Int {
        let title = DisplayWidth.of(column.title) + (sorted ? 1 : 0)
        switch column.width {
        case .fixed(let width): return max(width, sorted ? title : 0)
        case .fit(let maximum): return min(max(content, title), max(maximum, title))
        case .slack(let minimum): return max(content, title, minimum)
        }
    }

    static func minimum(_ column: Column, natural: Int) -> Int {
        if case .slack(let minimum) = column.width { return min(minimum, natural) }
        return natural
    }

    static func compute(_ columns: [Column], contentWidths: [Int], sort: RowOrder, total: Int, scroll: Int) -> TableLayout {
        let count = columns.count
        guard count > 0, total > 0 else { return TableLayout(starts: [], widths: [], scrolled: 0, moreRight: false) }
        let natural = columns.indices.map { Self.natural(columns[$0], content: $0 < contentWidths.count ? contentWidths[$0] : 0, sorted: sort.column == $0) }
        let scrolled = min(max(scroll, 0), max(count - 2, 0))
        let shown = [0] + Array(columns.indices.dropFirst(1 + scrolled))
        var widths = Array(repeating: 0, count: count)
        for index in shown { widths[index] = natural[index] }
        func used() -> Int { shown.reduce(0) { $0 + widths[$1] } + max(shown.count - 1, 0) }
        // The slack-taker: the declared one, else the widest shown column.
        let slack = shown.first { columns[$0].isSlack } ?? shown.max { natural[$0] < natural[$1] }
        if let slack, used() < total { widths[slack] += total - used() }
        // Too wide: the slack-taker gives back down to a comfortable width, then the other
        // wide columns down to `floor` (widest first), then the slack-taker down to its minimum.
        if let slack, used() > total {
            let comfortable = max(Self.minimum(columns[slack], natural: natural[slack]), min(natural[slack], 40))
            widths[slack] = max(comfortable, widths[slack] - (used() - total))
            let floor = 18
            while used() > total, let widest = shown.filter({ $0 != slack && widths[$0] > max(floor, DisplayWidth.of(columns[$0].title) + 1) })
                .max(by: { widths[$0] < widths[$1] }) {
                widths[widest] -= 1
            }
            widths[slack] = max(Self.minimum(columns[slack], natural: natural[slack]), widths[slack] - max(used() - total, 0))
        }
        // Still too wide: lay out left to right, cut the column at the edge, hide the rest.
        var starts = Array(repeating: 0, count: count)
        var x = 0
        var moreRight = false
        for index in shown where widths[index] > 0 {
            if x >= total { widths[index] = 0; moreRight = true; continue }
            starts[index] = x
            if x + widths[index] > total { widths[index] = total - x; moreRight = true }
            x += widths[index] + 1
        }
        return TableLayout(starts: starts, widths: widths, scrolled: scrolled, moreRight: moreRight)
    }

    /// The furthest sideways scroll that still shows something new: the first offset at
    /// which the remaining columns fit whole.
    static func maxScroll(_ columns: [Column], contentWidths: [Int], sort: RowOrder, total: Int) -> Int {
        guard columns.count > 2 else { return 0 }
        for scroll in 0..<(columns.count - 1) where !compute(columns, contentWidths: contentWidths, sort: sort, total: total, scroll: scroll).moreRight {
            return scroll
        }
        return columns.count - 2
    }
}
