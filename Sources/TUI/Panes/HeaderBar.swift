import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The top line: the pinned target, always on screen, in the production colour
/// when the target is marked production.
@MainActor
enum HeaderBar {
    static func draw(_ model: AppModel, on screen: any Screen) {
        if model.showingBoard { return drawBoard(model, on: screen) }
        let role: StyleRole = model.target.production ? .production : .statusBar
        screen.fill(row: 0, col: 0, width: screen.cols, height: 1, role: role)
        var text = " shipshape │ \(model.target.platform.displayName) │ context: \(model.target.kube?.context ?? model.target.name)"
        if model.isMultiCluster { text += " │ cluster \(model.current + 1)/\(model.clusters.count) (c: next)" }
        if let kubeconfig = model.target.kube?.kubeconfig { text += " │ kubeconfig: \(kubeconfig)" }
        var badges = ""
        if model.target.production { badges += " PRODUCTION " }
        if model.readOnly { badges += " READ-ONLY " }
        let badgeWidth = DisplayWidth.of(badges)
        screen.put(row: 0, col: 0, Sanitizer.line(text), role: role, width: max(screen.cols - badgeWidth, 0))
        if !badges.isEmpty {
            screen.put(row: 0, col: screen.cols - badgeWidth, badges, role: model.target.production ? .production : .warning, width: badgeWidth)
        }
    }

    /// On the estate board: the estate, not one cluster, so no cluster's colour either.
    static func drawBoard(_ model: AppModel, on screen: any Screen) {
        screen.fill(row: 0, col: 0, width: screen.cols, height: 1, role: .statusBar)
        let production = model.clusters.filter(\.target.production).count
        let locked = model.clusters.filter(\.target.readOnly).count
        var text = " shipshape │ estate │ \(model.clusters.count) clusters"
        if production > 0 { text += " │ \(production) production" }
        if locked > 0 { text += " │ \(locked) read-only" }
        let badge = model.readOnly ? " READ-ONLY " : ""
        let badgeWidth = DisplayWidth.of(badge)
        screen.put(row: 0, col: 0, text, role: .statusBar, width: max(screen.cols - badgeWidth, 0))
        if !badge.isEmpty { screen.put(row: 0, col: screen.cols - badgeWidth, badge, role: .warning, width: badgeWidth) }
    }
}
