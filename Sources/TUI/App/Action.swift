/// Everything a key can ask the console to do.
public enum Action: String, Sendable, CaseIterable {
    case nextPane, previousPane, moveUp, moveDown, pageUp, pageDown, top, bottom
    case details, fix, markDone, undo, refresh, help, quit, toggleReadOnly, toggleWatch
    case confirm, cancel
}
