import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The frame shown while the console is still working out what it is looking at: the
/// kubeconfig contexts are being resolved and pinned, and — without `--platform` — each
/// cluster is asked which platform it runs. Those reads can take a tool's whole timeout
/// when a server does not answer, so the screen opens first and says what it is waiting
/// for, instead of leaving the operator at a blank terminal (issue 7: first paint).
public struct StartupView: Sendable, Equatable {
    /// What is being opened, as the flags named it ("context prod-eu", "the current context").
    public var target: String
    /// The kubeconfig named by the flags, if any.
    public var kubeconfig: String?
    /// Drawn in the production colour, as the console header will be.
    public var production: Bool
    /// What the console is doing right now ("detecting the platform").
    public var activity: String
    /// How long any one read may take before it is abandoned.
    public var timeoutSeconds: Double

    public init(target: String, kubeconfig: String?, production: Bool, activity: String, timeoutSeconds: Double) {
        self.target = target
        self.kubeconfig = kubeconfig
        self.production = production
        self.activity = activity
        self.timeoutSeconds = timeoutSeconds
    }

    /// Draws the whole frame; `elapsed` is the time since the console started.
    @MainActor
    public func draw(on screen: any Screen, elapsed: Double) {
        screen.clear()
        guard screen.rows >= 3, screen.cols >= 20 else {
            screen.put(row: 0, col: 0, "shipshape: starting…", role: .normal, width: screen.cols)
            screen.flush()
            return
        }
        let role: StyleRole = production ? .production : .statusBar
        screen.fill(row: 0, col: 0, width: screen.cols, height: 1, role: role)
        var header = " shipshape │ starting │ \(target)"
        if let kubeconfig { header += " │ kubeconfig: \(kubeconfig)" }
        let badge = production ? " PRODUCTION " : ""
        let badgeWidth = DisplayWidth.of(badge)
        screen.put(row: 0, col: 0, Sanitizer.line(header), role: role, width: max(screen.cols - badgeWidth, 0))
        if production { screen.put(row: 0, col: screen.cols - badgeWidth, badge, role: .production, width: badgeWidth) }

        let lines: [(String, StyleRole)] = [
            (Sanitizer.line("\(activity)… \(Int(elapsed))s"), .title),
            ("Each read gives up after \(Formatting.seconds(timeoutSeconds)) (--timeout).", .dim),
            ("Name the platform with --platform to skip detection.", .dim),
        ]
        let top = max(screen.rows / 2 - 2, 1)
        for (index, (line, lineRole)) in lines.enumerated() where top + index < screen.rows - 1 {
            let col = max((screen.cols - DisplayWidth.of(line)) / 2, 0)
            screen.put(row: top + index, col: col, line, role: lineRole, width: min(DisplayWidth.of(line), screen.cols))
        }
        let status = " q or Ctrl-C: quit without touching the cluster "
        screen.fill(row: screen.rows - 1, col: 0, width: screen.cols, height: 1, role: .statusBar)
        screen.put(row: screen.rows - 1, col: 0, status, role: .statusBar, width: screen.cols)
        screen.flush()
    }
}
