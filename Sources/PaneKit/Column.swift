import ShipshapeCore

/// How wide a column wants to be. Widths follow what the column holds: the console measures
/// each column's title and cells once per state (never per frame) and lays the table out from
/// those measures and these policies.
public enum ColumnWidth: Sendable, Hashable {
    /// Always exactly this many cells (a one-glyph marker column).
    case fixed(Int)
    /// As wide as its widest cell or its title, but never more than `max` cells.
    case fit(max: Int)
    /// The column that takes whatever the others leave (the finding text, the node name);
    /// it gives space back down to `min` cells before anything else is cut.
    case slack(min: Int)
}

/// A column: its header and how wide it may be.
public struct Column: Sendable, Hashable {
    public var title: String
    public var width: ColumnWidth

    public init(_ title: String, _ width: ColumnWidth) {
        self.title = title
        self.width = width
    }

    /// The short form: a width caps a column that fits its content; nil makes it the slack-taker.
    public init(_ title: String, width: Int? = nil) {
        self.init(title, width.map { .fit(max: $0) } ?? .slack(min: 12))
    }

    public var isSlack: Bool {
        if case .slack = width { return true }
        return false
    }
}
