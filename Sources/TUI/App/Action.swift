import ShipshapeCore
import PaneKit
/// Everything a key can ask the console to do.
public enum Action: String, Sendable, CaseIterable {
    case nextPane, previousPane, moveUp, moveDown, pageUp, pageDown, top, bottom
    case details, back, fix, markDone, undo, refresh, help, quit, toggleReadOnly, toggleWatch
    case confirm, cancel
    /// Several clusters: make the next one current; list every cluster's findings.
    case switchCluster, toggleAllClusters
    /// Deckhouse: open the form that adds an update window to the current cluster.
    case addWindow
    /// Inside a form: move between fields, and submit.
    case nextField, previousField, submit
}
