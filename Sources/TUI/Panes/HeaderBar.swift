import Engine

/// The top line: the pinned target, always on screen, in the production colour
/// when the target is marked production.
@MainActor
enum HeaderBar {
    static func draw(_ model: AppModel, on screen: any Screen) {
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
}
