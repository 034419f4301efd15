import ShipshapeCore
import PaneKit

/// Where a key is read: the same key means different things in the panes, in a details
/// view, on the command line, in a fix dialog and in a form.
public enum KeyContext: String, Sendable, CaseIterable {
    /// The panes and the estate board.
    case console
    /// A details view or the help (scrolls, searches).
    case details
    /// The `:` command line and the `/` filter or search being typed.
    case prompt
    /// A fix waiting for confirmation; Cancel is always the default.
    case confirm
    /// The update-window form.
    case form

    /// How the README's key table names it.
    public var heading: String {
        switch self {
        case .console: "panes and board"
        case .details: "details and help"
        case .prompt: "command line and filter"
        case .confirm: "fix dialog"
        case .form: "update-window form"
        }
    }
}
