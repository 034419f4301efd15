import ShipshapeCore

/// What a list sorts a column by. Text sorts naturally ("node-2" before "node-10"),
/// ignoring case; numbers numerically; a rank is for orders with a meaning (severity).
public enum SortValue: Sendable {
    case text(String)
    case number(Double)
}

/// One column of a `ListSource`: its header and width policy, how a row becomes its cell,
/// and what it sorts by (the cell's text when not given; nil `sort` with `sortable: false`
/// leaves it out of `s`).
public struct ListColumn<Row>: Sendable {
    public var column: Column
    public var cell: @Sendable (Row) -> Cell
    public var sortable: Bool
    public var sortKey: (@Sendable (Row) -> SortValue)?

    public init(_ title: String, _ width: ColumnWidth, sortable: Bool = true,
                sort: (@Sendable (Row) -> SortValue)? = nil, cell: @escaping @Sendable (Row) -> Cell) {
        self.column = Column(title, width)
        self.cell = cell
        self.sortable = sortable
        self.sortKey = sort
    }
}

/// A row key of a `ListSource` (`f` on a Swarm node): declared on the row, not the index,
/// so it acts on the row the operator sees whatever the filter and sort.
public struct ListAction<Row>: Sendable {
    public var slot: RowAction.Slot
    public var label: String
    public var help: String
    public var mutating: Bool
    public var resolve: @Sendable (Row) -> RowActionRequest

    public init(slot: RowAction.Slot, label: String, help: String, mutating: Bool, resolve: @escaping @Sendable (Row) -> RowActionRequest) {
        self.slot = slot
        self.label = label
        self.help = help
        self.mutating = mutating
        self.resolve = resolve
    }
}
