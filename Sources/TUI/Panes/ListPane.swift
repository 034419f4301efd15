import ShipshapeCore
import PaneKit
import Engine

/// Draws any `PaneSource` as a bordered list with a header, a selection bar and
/// scrolling — the one list renderer every pane shares.
@MainActor
public enum ListPane {
    public static func draw(_ source: any PaneSource, on screen: any Screen, in rect: Rect, focused: Bool, selected: Int) {
        guard rect.height >= 3, rect.width >= 8 else { return }
        screen.box(row: rect.row, col: rect.col, height: rect.height, width: rect.width, role: focused ? .title : .border)
        let title = " \(source.title)\(source.rowCount > 0 ? " (\(source.rowCount))" : "") "
        screen.put(row: rect.row, col: rect.col + 2, title, role: focused ? .title : .header, width: min(DisplayWidth.of(title), rect.width - 4))
        let inner = Rect(row: rect.row + 1, col: rect.col + 1, height: rect.height - 2, width: rect.width - 2)
        var top = inner.row
        if let summary = source.summary {
            drawCells(summary, widths: nil, on: screen, row: top, col: inner.col, width: inner.width, roleOverride: nil)
            top += 1
        }
        if let error = source.errorText {
            wrap("⚠ " + error, width: inner.width).prefix(max(inner.row + inner.height - top, 0)).enumerated().forEach { offset, line in
                screen.put(row: top + offset, col: inner.col, line, role: .error, width: inner.width)
            }
            return
        }
        let widths = columnWidths(source.columns, total: inner.width)
        drawCells(source.columns.map { Cell($0.title, .header) }, widths: widths, on: screen, row: top, col: inner.col, width: inner.width, roleOverride: nil)
        top += 1
        let visible = inner.row + inner.height - top
        guard visible > 0 else { return }
        if source.rowCount == 0 {
            screen.put(row: top, col: inner.col, source.emptyText, role: .dim, width: inner.width)
            return
        }
        let offset = selected < visible ? 0 : selected - visible + 1
        for line in 0..<min(visible, source.rowCount - offset) {
            let index = offset + line
            let isSelected = focused && index == selected
            drawCells(source.row(at: index), widths: widths, on: screen, row: top + line, col: inner.col, width: inner.width,
                      roleOverride: isSelected ? .selected : nil)
        }
        if source.rowCount > visible {
            let marker = " \(selected + 1)/\(source.rowCount) "
            screen.put(row: rect.row + rect.height - 1, col: rect.col + rect.width - 2 - DisplayWidth.of(marker), marker, role: .dim)
        }
    }

    /// A pane that lays out its own lines (`DrawnPane`), in the same frame and title as a list.
    public static func drawLines(_ source: any DrawnPane, on screen: any Screen, in rect: Rect, focused: Bool, selected: Int) {
        guard rect.height >= 3, rect.width >= 8 else { return }
        screen.box(row: rect.row, col: rect.col, height: rect.height, width: rect.width, role: focused ? .title : .border)
        let title = " \(source.title)\(source.rowCount > 0 ? " (\(source.rowCount))" : "") "
        screen.put(row: rect.row, col: rect.col + 2, title, role: focused ? .title : .header, width: min(DisplayWidth.of(title), rect.width - 4))
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

    static func drawCells(_ cells: [Cell], widths: [Int]?, on screen: any Screen, row: Int, col: Int, width: Int, roleOverride: StyleRole?) {
        screen.fill(row: row, col: col, width: width, height: 1, role: roleOverride ?? .normal)
        var x = col
        for (index, cell) in cells.enumerated() {
            let w = widths.map { index < $0.count ? $0[index] : 0 } ?? (DisplayWidth.of(cell.text) + 1)
            guard w > 0 else { continue }
            // One cell of each column is the gap to the next, so texts never run together.
            let available = min(w - 1, col + width - x)
            guard available > 0 else { break }
            // Sanitised again at the last moment: nothing from a cluster reaches the terminal raw.
            screen.put(row: row, col: x, Sanitizer.line(cell.text, maxLength: 512), role: roleOverride ?? cell.role, width: available)
            x += w
        }
    }

    /// Widths including the one-cell gap. Flexible columns share what fixed ones
    /// leave, but never shrink below `minimumFlexible`: when space runs out the
    /// rightmost fixed columns are dropped (width 0) instead.
    static func columnWidths(_ columns: [Column], total: Int, minimumFlexible: Int = 12) -> [Int] {
        var widths = columns.map { $0.width.map { $0 + 1 } }
        let flexible = columns.filter { $0.width == nil }.count
        func fixedSum() -> Int { widths.compactMap { $0 }.reduce(0, +) }
        while flexible > 0, fixedSum() + flexible * minimumFlexible > total,
              let last = widths.lastIndex(where: { ($0 ?? 0) > 0 }) {
            widths[last] = 0
        }
        let share = flexible > 0 ? max((total - fixedSum()) / flexible, 1) : 0
        return widths.map { $0 ?? share }
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
