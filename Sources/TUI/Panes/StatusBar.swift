import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The bottom line: last refresh, probe errors, the latest message, key hints.
@MainActor
enum StatusBar {
    static func draw(_ model: AppModel, on screen: any Screen, now: Date = Date()) {
        let row = screen.rows - 1
        screen.fill(row: row, col: 0, width: screen.cols, height: 1, role: .statusBar)
        var left = model.refreshing ? " refreshing…" : " refreshed \(Formatting.ago(model.lastRefresh, now: now))"
        if let duration = model.snapshot?.duration, !model.refreshing {
            left += String(format: " (%.2fs)", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
        if model.watching {
            left += model.schedule.isBackingOff
                ? " │ backing off: next refresh in \(Formatting.seconds(model.schedule.nextDelay))"
                : " │ watching every \(Formatting.seconds(model.schedule.interval))"
        }
        let failures = model.snapshot?.state.failures.count ?? 0
        let hints = (model.isMultiCluster ? "c:cluster A:all " : "") + "?:help f:fix u:undo w:watch r:refresh q:quit "
        screen.put(row: row, col: 0, left, role: .statusBar)
        var x = DisplayWidth.of(left)
        if failures > 0 {
            let text = " │ \(failures) probe error(s)"
            screen.put(row: row, col: x, text, role: .error)
            x += DisplayWidth.of(text)
        }
        let hintsCol = screen.cols - DisplayWidth.of(hints)
        if let message = model.message {
            let text = " │ " + message
            screen.put(row: row, col: x, text, role: model.messageIsError ? .error : .statusBar, width: max(hintsCol - x - 1, 0))
        }
        if hintsCol > x + 10 { screen.put(row: row, col: hintsCol, hints, role: .key) }
    }
}
