import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The message line, above the key bar: the latest message (or the line being typed) on
/// the left, never cut by anything else; the last refresh, watch mode and probe errors on
/// the right, where the message leaves room.
@MainActor
enum StatusBar {
    static func draw(_ model: AppModel, on screen: any Screen, now: Date = Date()) {
        let row = screen.rows - 2
        guard row >= 0 else { return }
        screen.fill(row: row, col: 0, width: screen.cols, height: 1, role: .statusBar)
        var status = model.refreshing ? "refreshing…" : "refreshed \(Formatting.ago(model.lastRefresh, now: now))"
        if let duration = model.snapshot?.duration, !model.refreshing {
            status += String(format: " (%.2fs)", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
        if model.watching {
            status += model.schedule.isBackingOff
                ? " │ backing off: next in \(Formatting.seconds(model.schedule.nextDelay))"
                : " │ watching every \(Formatting.seconds(model.schedule.interval))"
        }
        let failures = model.snapshot?.state.failures.count ?? 0
        let errors = failures > 0 ? "\(failures) probe error(s) │ " : ""
        let right = " " + errors + status + " "

        let left: String
        var leftRole: StyleRole = .statusBar
        if let prompt = model.prompt {
            left = " " + prompt.lead + prompt.text + "_" + (prompt.hint.map { "   " + $0 } ?? "")
        } else if let message = model.message {
            left = " " + message
            if model.messageIsError { leftRole = .error }
        } else {
            left = ""
        }
        let leftWidth = DisplayWidth.of(left)
        let rightWidth = DisplayWidth.of(right)
        // The message comes first: the status moves aside, and goes when there is no room.
        if leftWidth + rightWidth <= screen.cols {
            screen.put(row: row, col: screen.cols - rightWidth, right, role: failures > 0 ? .error : .statusBar, width: rightWidth)
        }
        screen.put(row: row, col: 0, TextFit.fit(Sanitizer.line(left), to: screen.cols), role: leftRole, width: nil)
    }
}
