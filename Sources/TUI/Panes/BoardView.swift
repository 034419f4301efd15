import Foundation
import ShipshapeCore
import PaneKit

/// Draws the estate board over the whole body of the screen.
@MainActor
enum BoardView {
    static func draw(_ model: AppModel, on screen: any Screen, in rect: Rect, now: Date) {
        let source = BoardPaneSource(model: model, now: now)
        ListPane.draw(source, on: screen, in: rect, focused: model.dialog == nil, selected: min(model.boardSelection, max(source.rowCount - 1, 0)))
    }
}
