import ShipshapeCore

/// Which column a list is sorted by, and which way. `column` nil is the pane's own order
/// (Swarm managers first, Deckhouse infrastructure roles first).
public struct RowOrder: Sendable, Hashable {
    public var column: Int?
    public var descending: Bool

    public init(column: Int?, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    public static let natural = RowOrder(column: nil)
}

/// What the operator asked of a list: a filter over its visible columns (case-insensitive,
/// empty for none) and a sort order (nil for the pane's default). The console keeps one per
/// pane and cluster, so both survive refreshes.
public struct PaneQuery: Sendable, Hashable {
    public var filter: String
    public var sort: RowOrder?

    public init(filter: String = "", sort: RowOrder? = nil) {
        self.filter = filter
        self.sort = sort
    }

    public static let none = PaneQuery()
}
