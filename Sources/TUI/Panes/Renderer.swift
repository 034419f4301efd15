import Foundation
import ShipshapeCore
import PaneKit
import Engine

/// Draws a whole frame from the model. Pure with respect to the model: the same
/// model on a `GridScreen` gives the text tmux shows.
@MainActor
public enum Renderer {
    public static func draw(_ model: AppModel, on screen: any Screen, now: Date = Date()) {
        screen.clear()
        guard let layout = Layout.compute(rows: screen.rows, cols: screen.cols, panes: model.paneSpecs) else {
            drawTooSmall(on: screen)
            screen.flush()
            return
        }
        HeaderBar.draw(model, on: screen)
        if model.showingBoard {
            BoardView.draw(model, on: screen, in: Rect(row: 1, col: 0, height: screen.rows - 2, width: screen.cols), now: now)
        } else {
            for (pane, rect) in layout.panes {
                let focused = model.focus == pane && model.dialog == nil
                let source = ConsolePanes.source(pane, model: model)
                if let drawn = source as? any DrawnPane {
                    ListPane.drawLines(drawn, on: screen, in: rect, focused: focused, selected: model.selected(pane))
                } else {
                    ListPane.draw(source, on: screen, in: rect, focused: focused, selected: model.selected(pane))
                }
            }
        }
        StatusBar.draw(model, on: screen, now: now)
        if let dialog = model.dialog { DialogView.draw(dialog, model: model, on: screen) }
        screen.flush()
    }

    /// Redraws only the bottom status line (the rest of the frame is unchanged). A dialog or
    /// a terminal too small for the layout gets a whole frame instead.
    public static func drawStatusLine(_ model: AppModel, on screen: any Screen, now: Date = Date()) {
        guard model.dialog == nil, Layout.compute(rows: screen.rows, cols: screen.cols, panes: model.paneSpecs) != nil else {
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
