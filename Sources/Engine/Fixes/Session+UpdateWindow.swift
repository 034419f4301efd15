/// The engine side of the "add an update window" form: plans adding a validated window to
/// a Deckhouse cluster's ModuleConfig, from the windows the last refresh read. No CLI or
/// TUI involved, so any front end (or a test) can call it.
extension Session {
    public func planAddUpdateWindow(_ window: UpdateWindow, from state: ClusterState) throws(AddWindowError) -> FixPlan {
        guard target.platform == .deckhouse else { throw .notDeckhouse(target.platform.displayName) }
        let settings: DeckhouseUpdateSettings
        switch state.deckhouse.value?.settings {
        case .loaded(let value)?: settings = value
        case .failed(let error)?: throw .unreadable(error.message)
        default: throw .unreadable("the update settings have not been read yet")
        }
        if settings.windows.contains(window) { throw .duplicate(window.description) }
        let intent = FixIntent.deckhouseAddWindow(window: window.spec, existing: settings.rawWindows)
        guard let plan = adapter.plan(intent, ruleID: "DH-UPDATE-WINDOWS", subject: DeckhouseSubject.moduleConfig) else {
            throw .notDeckhouse(target.platform.displayName)
        }
        return plan
    }
}
