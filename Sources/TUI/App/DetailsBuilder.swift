import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The details view of the selected row of the active pane (each pane's source says what its
/// rows' details are), opened with the pane's filter as its search, so `n` finds it.
@MainActor
enum DetailsBuilder {
    static func details(for model: AppModel) -> Dialog? {
        let pane = model.activePane
        let source = ConsolePanes.source(pane, model: model)
        guard let details = source.details(at: model.selected(pane)) else { return nil }
        return .details(DetailsView(title: details.title, lines: details.lines, search: model.view(of: pane).filter))
    }

    /// The help: the key table in force, every context.
    static func help(for model: AppModel) -> Dialog {
        .details(DetailsView(title: "Keys", lines: model.keys.helpLines))
    }
}
