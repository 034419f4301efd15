import ShipshapeCore
import PaneKit
import Engine

/// Draws any `PaneSource` as a bordered table with a header, a selection bar, scrolling
/// both ways and the filter's matches highlighted — the one list renderer every pane
/// shares. The focused pane is unmistakable: heavy frame, reversed title.
@MainActor
public enum ListPane {
    /// What the frame's title says: the number that jumps to the pane, its name, and its
    /// rows — `3 Nodes (12)`, or `3 Nodes 2/12 /web` while filtered.
    static func title(_ source: any PaneSource, number: Int?) -> String {
        let filter = source.query.filter
        let count: String
        if !filter.isEmpty {
            count = " \(source.rowCount)/\(source.totalCount) /\(filter)"
        } else {
            count = source.totalCount > 0 ? " (\(source.totalCount))" : ""
        }
        return " \(number.map { "\($0) " } ?? "")\(source.title)\(count) "
    }

    public static func draw(_ pane: BuiltPane, number: Int? = nil, on screen: any Screen, in rect: Rect, focused: Bool, selected: Int, hscroll: Int = 0) {
        let source = pane.source
        guard rect.height >= 3, rect.width >= 8 else { return drawCollapsed(source, number: number, on: screen, in: rect, focused: focused) }
        frame(title(source, number: number), on: screen, in: rect, focused: focused)
        if let drawn = source as? any DrawnPane { return drawLines(drawn, on: screen, in: rect, focused: focused, selected: selected) }
        let inner = Rect(row: rect.row + 1, col: rect.col + 1, height: rect.height - 2, width: rect.width - 2)
        var top = inner.row
        if let summary = source.summary {
            var x = inner.col
            for cell in summary where x < inner.col + inner.width {
                let text = TextFit.fit(Sanitizer.line(cell.text, maxLength: 512), to: inner.col + inner.width - x)
                screen.put(row: top, col: x, text, role: cell.role, width: nil)
                x += DisplayWidth.of(text) + 1
            }
            top += 1
        }
        if let error = source.errorText {
            wrap("⚠ " + error, width: inner.width).prefix(max(inner.row + inner.height - top, 0)).enumerated().forEach { offset, line in
                screen.put(row: top + offset, col: inner.col, line, role: .error, width: inner.width)
            }
            return
        }
        let sort = source.effectiveSort
        let table = TableLayout.compute(source.columns, contentWidths: pane.contentWidths, sort: sort, total: inner.width, scroll: hscroll)
        let headers = source.columns.enumerated().map { index, column in
            Cell(column.title + (sort.column == index ? (sort.descending ? "▼" : "▲") : ""), .header)
        }
        drawCells(headers, table: table, on: screen, row: top, col: inner.col, width: inner.width, highlight: "", selected: false)
        top += 1
        let visible = inner.row + inner.height - top
        guard visible > 0 else { return }
        if source.rowCount == 0 {
            let text = source.totalCount > 0 ? "nothing matches “\(source.query.filter)” (of \(source.totalCount)) — Esc clears the filter" : source.emptyText
            screen.put(row: top, col: inner.col, TextFit.fit(text, to: inner.width), role: .dim, width: inner.width)
            return
        }
        let offset = selected < visible ? 0 : selected - visible + 1
        for line in 0..<min(visible, source.rowCount - offset) {
            let index = offset + line
            drawCells(source.row(at: index), table: table, on: screen, row: top + line, col: inner.col, width: inner.width,
                      highlight: source.query.filter, selected: focused && index == selected)
        }
        let bottom = rect.row + rect.height - 1
        if source.rowCount > visible {
            let marker = " \(selected + 1)/\(source.rowCount) "
            screen.put(row: bottom, col: rect.col + rect.width - 2 - DisplayWidth.of(marker), marker, role: .dim)
        }
        if table.scrolled > 0 || table.moreRight {
            let hint = " \(table.scrolled > 0 ? "◂h" : "  ") \(table.moreRight ? "l▸" : "  ") "
            screen.put(row: bottom, col: rect.col + 2, hint, role: .dim)
        }
    }

    /// The frame and its title.
    static func frame(_ title: String, on screen: any Screen, in rect: Rect, focused: Bool) {
        screen.box(row: rect.row, col: rect.col, height: rect.height, width: rect.width, role: focused ? .title : .border, heavy: focused)
        let text = TextFit.fit(Sanitizer.line(title), to: rect.width - 4)
        screen.put(row: rect.row, col: rect.col + 2, text, role: focused ? .selected : .header, width: nil)
    }

    /// A pane given one line (a small terminal keeps every pane reachable): its title on a rule.
    static func drawCollapsed(_ source: any PaneSource, number: Int?, on screen: any Screen, in rect: Rect, focused: Bool) {
        guard rect.height >= 1, rect.width >= 4 else { return }
        screen.put(row: rect.row, col: rect.col, String(repeating: focused ? "━" : "─", count: rect.width), role: focused ? .title : .border, width: rect.width)
        let text = TextFit.fit(Sanitizer.line(title(source, number: number)), to: rect.width - 4)
        screen.put(row: rect.row, col: rect.col + 2, text, role: focused ? .selected : .header, width: nil)
    }

    /// A pane that lays out its own lines (`DrawnPane`), inside the frame already drawn.
    static func drawLines(_ source: any DrawnPane, on screen: any Screen, in rect: Rect, focused: Bool, selected: Int) {
        let inner = Rect(row: rect.row + 1, col: rect.col + 1, height: rect.height - 2, width: rect.width - 2)
        for (offset, line) in source.lines(width: inner.width, height: inner.height, selected: selected, focused: focused).prefix(inner.height).enumerated() {
            var x = inner.col
            for cell in line where x < inner.col + inner.width {
                let text = Sanitizer.line(cell.text, maxLength: 512)
                screen.put(row: inner.row + offset, col: x, text, role: cell.role, width: inner.col + inner.width - x)
                x += DisplayWidth.of(text)
            }
        }
        if source.rowCount > 1 {
            let marker = " \(selected + 1)/\(source.rowCount) "
            screen.put(row: rect.row + rect.height - 1, col: rect.col + rect.width - 2 - DisplayWidth.of(marker), marker, role: .dim)
        }
    }

    /// One row of cells in the table's columns; what does not fit ends in `…`, and the
    /// filter's matches are drawn in the key colour.
    static func drawCells(_ cells: [Cell], table: TableLayout, on screen: any Screen, row: Int, col: Int, width: Int, highlight: String, selected: Bool) {
        screen.fill(row: row, col: col, width: width, height: 1, role: selected ? .selected : .normal)
        for (index, cell) in cells.enumerated() where index < table.widths.count && table.widths[index] > 0 {
            // Sanitised again at the last moment: nothing from a cluster reaches the terminal raw.
            let text = TextFit.fit(Sanitizer.line(cell.text, maxLength: 512), to: table.widths[index])
            let x = col + table.starts[index]
            let role: StyleRole = selected ? .selected : cell.role
            screen.put(row: row, col: x, text, role: role, width: nil)
            guard !highlight.isEmpty else { continue }
            for range in TextMatch.ranges(of: highlight, in: text) {
                let start = x + DisplayWidth.of(String(text[..<range.lowerBound]))
                screen.put(row: row, col: start, String(text[range]), role: .key, width: nil)
            }
        }
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
            while DisplayWidth.of(current) > width {
                let head = DisplayWidth.clip(current, to: width)
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
