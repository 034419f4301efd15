import ShipshapeCore

/// A key a pane gives meaning to on its selected row: `f` on a Swarm node drains it, on the
/// Backups pane's snapshot row takes one. Declared as data so the help, the key bar and the
/// one dispatcher (which refuses mutating actions when read-only) all read the same thing.
public struct RowAction: Sendable {
    /// Which console action triggers it (the key table binds keys to slots).
    public enum Slot: String, Sendable, Hashable {
        /// `f`: fix, drain, snapshot — the row's change.
        case fix
    }

    public var slot: Slot
    /// A word or two for the key bar ("drain/activate").
    public var label: String
    public var help: String
    /// True when carrying it out changes a cluster or the console's records.
    public var mutating: Bool
    /// What it asks for on row `index`, or why it cannot.
    public var resolve: @Sendable (Int) -> RowActionRequest

    public init(slot: Slot, label: String, help: String, mutating: Bool, resolve: @escaping @Sendable (Int) -> RowActionRequest) {
        self.slot = slot
        self.label = label
        self.help = help
        self.mutating = mutating
        self.resolve = resolve
    }
}

/// A row action resolved for one row.
public enum RowActionRequest: Sendable {
    /// Plan this intent, filed under `ruleID` for `subject` in the audit log.
    case intent(FixIntent, ruleID: String, subject: String)
    /// Nothing to do on this row, and why.
    case unavailable(String)
}
