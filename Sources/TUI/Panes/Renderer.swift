import Foundation
import ShipshapeCore
import PaneKit
import Engine

/// Draws a whole frame from the model. Pure with respect to the model: the same
/// model on a `GridScreen` gives the text tmux shows.
@MainActor
public enum Renderer {
    /// Where the panes go and what fills them, for one frame.
    public struct Frame: Sendable {
        public var layout: Layout
        /// In screen order: Tab follows it, the numbers name it.
        public var order: [PaneKind]
        public var panes: [PaneKind: BuiltPane]
    }

    /// The panes of the current cluster laid out for `rows` × `cols`; nil when too small.
    public static func frame(_ model: AppModel, rows: Int, cols: Int, now: Date = Date()) -> Frame? {
        let specs = Layout.order(model.paneSpecs, cols: cols)
        var panes: [PaneKind: BuiltPane] = [:]
        var needs: [Layout.Need] = []
        for spec in specs {
            let pane = ConsolePanes.pane(spec.kind, model: model, now: now)
            panes[spec.kind] = pane
            needs.append(Layout.Need(kind: spec.kind, column: spec.column, weight: spec.weight,
                                     height: naturalHeight(pane.source), width: naturalWidth(pane),
                                     minimum: pane.source.summary == nil ? 4 : 5))
        }
        guard let layout = Layout.compute(rows: rows, cols: cols, needs: needs, focus: model.focus, zoomed: model.zoomed) else { return nil }
        return Frame(layout: layout, order: specs.map(\.kind), panes: panes)
    }

    /// Lines a pane would fill: frame, summary, header and every row (or its error).
    static func naturalHeight(_ source: any PaneSource) -> Int {
        if let drawn = source as? any DrawnPane { return 2 + drawn.lines(width: 200, height: 200, selected: 0, focused: false).count }
        // An error wraps: room for it at a column's width, about 40 cells a line.
        let body = source.errorText.map { min(1 + DisplayWidth.of($0) / 40, 5) } ?? 1 + max(source.rowCount, 1)
        return 2 + (source.summary == nil ? 0 : 1) + body
    }

    /// Cells a pane's table would fill with every column whole (the slack-taker at a
    /// comfortable width: a long list of units should not claim half the screen).
    static func naturalWidth(_ pane: BuiltPane) -> Int {
        let columns = pane.source.columns
        let sort = pane.source.effectiveSort
        let widths = columns.indices.map { index -> Int in
            let natural = TableLayout.natural(columns[index], content: index < pane.contentWidths.count ? pane.contentWidths[index] : 0,
                                              sorted: sort.column == index)
            return columns[index].isSlack ? min(natural, 30) : natural
        }
        let summary = (pane.source.summary ?? []).reduce(0) { $0 + DisplayWidth.of($1.text) + 1 }
        return 2 + max(widths.reduce(0, +) + max(widths.count - 1, 0), summary)
    }

    public static func draw(_ model: AppModel, on screen: any Screen, now: Date = Date()) {
        screen.clear()
        guard screen.rows >= Layout.minimumRows, screen.cols >= Layout.minimumCols else {
            drawTooSmall(on: screen)
            screen.flush()
            return
        }
        HeaderBar.draw(model, on: screen)
        if model.showingBoard {
            let board = ConsolePanes.pane(.board, model: model, now: now)
            ListPane.draw(board, on: screen, in: Rect(row: 1, col: 0, height: screen.rows - 3, width: screen.cols),
                          focused: model.dialog == nil, selected: model.selected(.board), hscroll: model.view(of: .board).hscroll)
        } else if let frame = frame(model, rows: screen.rows, cols: screen.cols, now: now) {
            for (position, kind) in frame.order.enumerated() {
                guard let rect = frame.layout.panes[kind], let pane = frame.panes[kind] else { continue }
                ListPane.draw(pane, number: position < 9 ? position + 1 : nil, on: screen, in: rect,
                              focused: model.focus == kind && model.dialog == nil, selected: model.selected(kind),
                              hscroll: model.view(of: kind).hscroll)
            }
        }
        StatusBar.draw(model, on: screen, now: now)
        KeyBar.draw(model, on: screen)
        if let dialog = model.dialog { DialogView.draw(dialog, model: model, on: screen) }
        screen.flush()
    }

    /// Redraws only the message line (the rest of the frame is unchanged). A dialog, a line
    /// being typed or a terminal too small for the layout gets a whole frame instead.
    public static func drawStatusLine(_ model: AppModel, on screen: any Screen, now: Date = Date()) {
        guard model.dialog == nil, model.prompt == nil, screen.rows >= Layout.minimumRows, screen.cols >= Layout.minimumCols else {
            draw(model, on: screen, now: now)
            return
        }
        StatusBar.draw(model, on: screen, now: now)
        screen.flush()
    }

    static func drawTooSmall(on screen: any Screen) {
        let lines = ["Terminal too small", "need \(Layout.minimumCols)×\(Layout.minimumRows), have \(screen.cols)×\(screen.rows)", "enlarge it, or q to quit"]
        for (index, line) in lines.enumerated() where index < screen.rows {
            let col = max((screen.cols - DisplayWidth.of(line)) / 2, 0)
            screen.put(row: max(screen.rows / 2 - 1, 0) + index, col: col, line, role: index == 0 ? .warning : .normal)
        }
    }
}
