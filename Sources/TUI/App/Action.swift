import ShipshapeCore
import PaneKit
/// Everything a key can ask the console to do. The raw value is the name `keys.yaml` uses.
public enum Action: String, Sendable, CaseIterable {
    case nextPane, previousPane, moveUp, moveDown, pageUp, pageDown, top, bottom
    /// Horizontal scroll of a table wider than its pane.
    case scrollLeft, scrollRight
    /// `1`–`9`: the Nth key of the binding jumps to the pane numbered N.
    case jumpToPane
    case details, back, fix, markDone, undo, refresh, help, quit, toggleReadOnly, toggleWatch
    /// `/` filters the focused pane (in details: searches); `:` opens the command line.
    case filter, command
    /// `s` sorts by the next column, `S` reverses the order.
    case sortNext, sortReverse
    /// `z`: the focused pane full screen, and back.
    case zoom
    /// In details: the next and previous line matching the search.
    case nextMatch, previousMatch
    case confirm, cancel
    /// Several clusters: make the next one current; list every cluster's findings.
    case switchCluster, toggleAllClusters
    /// Deckhouse: open the form that adds an update window to the current cluster.
    case addWindow
    /// Inside a form: move between fields, and submit. On the command line, submit runs it.
    case nextField, previousField, submit
    /// On the command line: complete the word; walk the history.
    case complete, historyPrevious, historyNext
    /// Deletes the character before the cursor (command line, filter, form, typed name).
    case erase
}
