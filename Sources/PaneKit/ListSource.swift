import ShipshapeCore

/// The one list every table pane is: rows of a type, columns that turn a row into cells,
/// a default order, and what Enter and the row keys do (lazydocker's `SideListPanel[T]`,
/// k9s' header columns).
///
/// Cells are built once, when the source is made from a state; `queried(_:)` filters and
/// sorts the rows already built, so drawing a frame of a 5,000-row pane only reads the
/// rows on screen, and typing a filter never rebuilds a row.
public struct ListSource<Row: Sendable>: PaneSource {
    /// What every query of one state shares: the rows, their cells, their folded text.
    final class Store: Sendable {
        let rows: [Row]
        let cells: [[Cell]]
        /// Each row's cells, lowered and joined, for the filter.
        let folded: [[UInt8]]

        init(rows: [Row], columns: [ListColumn<Row>]) {
            self.rows = rows
            var cells: [[Cell]] = []
            var folded: [[UInt8]] = []
            cells.reserveCapacity(rows.count)
            folded.reserveCapacity(rows.count)
            for row in rows {
                let line = columns.map { $0.cell(row) }
                cells.append(line)
                folded.append(TextMatch.folded(line.map(\.text).joined(separator: "\n")))
            }
            self.cells = cells
            self.folded = folded
        }
    }

    public let title: String
    public let columns: [Column]
    let listColumns: [ListColumn<Row>]
    let store: Store
    /// Indices into `store.rows`, filtered and in display order.
    let visible: [Int]
    public let query: PaneQuery
    public let defaultSort: RowOrder
    public let errorText: String?
    public let emptyText: String
    public let summary: [Cell]?
    let detailsOf: (@Sendable (Row) -> (title: String, lines: [String]))?
    let listActions: [ListAction<Row>]

    /// - Parameters:
    ///   - rows: every row, in the pane's own order (what `RowOrder.natural` shows).
    ///   - defaultSort: the order shown until the operator picks one with `s`.
    ///   - errorText: why the rows could not be read (shown instead of them).
    ///   - emptyText: what to say when there are no rows.
    public init(title: String, columns: [ListColumn<Row>], rows: [Row], defaultSort: RowOrder = .natural,
                errorText: String? = nil, emptyText: String, summary: [Cell]? = nil,
                details: (@Sendable (Row) -> (title: String, lines: [String]))? = nil, actions: [ListAction<Row>] = []) {
        self.title = title
        self.columns = columns.map(\.column)
        self.listColumns = columns
        self.store = Store(rows: rows, columns: columns)
        self.query = .none
        self.defaultSort = defaultSort
        self.errorText = errorText
        self.emptyText = emptyText
        self.summary = summary
        self.detailsOf = details
        self.listActions = actions
        self.visible = Self.order(store, columns: columns, query: .none, defaultSort: defaultSort)
    }

    /// A source whose rows come from a section of the state: loading, not probed and
    /// unreadable are said the same way on every pane.
    public init<Value>(title: String, columns: [ListColumn<Row>], section: Loaded<Value>?, rows: (Value) -> [Row],
                       defaultSort: RowOrder = .natural, empty: String, notProbed: String? = nil, summary: (Value) -> [Cell]? = { _ in nil },
                       details: (@Sendable (Row) -> (title: String, lines: [String]))? = nil, actions: [ListAction<Row>] = []) {
        let value = section?.value
        let emptyText: String = switch section {
        case nil: "loading…"
        case .notProbed?: notProbed ?? "not probed on this platform"
        default: empty
        }
        self.init(title: title, columns: columns, rows: value.map(rows) ?? [], defaultSort: defaultSort,
                  errorText: section?.error?.message, emptyText: emptyText, summary: value.flatMap(summary),
                  details: details, actions: actions)
    }

    private init(_ base: ListSource, query: PaneQuery, visible: [Int]) {
        title = base.title
        columns = base.columns
        listColumns = base.listColumns
        store = base.store
        self.query = query
        defaultSort = base.defaultSort
        errorText = base.errorText
        emptyText = base.emptyText
        summary = base.summary
        detailsOf = base.detailsOf
        listActions = base.listActions
        self.visible = visible
    }

    // MARK: rows

    public var rowCount: Int { visible.count }
    public var totalCount: Int { store.rows.count }
    public func row(at index: Int) -> [Cell] { store.cells[visible[index]] }

    /// The row shown at `index`, if there is one.
    public func item(at index: Int) -> Row? {
        visible.indices.contains(index) ? store.rows[visible[index]] : nil
    }

    /// The rows shown, in display order.
    public var items: [Row] { visible.map { store.rows[$0] } }

    public func details(at index: Int) -> (title: String, lines: [String])? {
        item(at: index).flatMap { row in detailsOf?(row) }
    }

    public var actions: [RowAction] {
        listActions.map { action in
            let source = self
            return RowAction(slot: action.slot, label: action.label, help: action.help, mutating: action.mutating) { index in
                guard let row = source.item(at: index) else { return .unavailable("no row selected") }
                return action.resolve(row)
            }
        }
    }

    // MARK: filter and sort

    public var isFilterable: Bool { true }
    public var sortableColumns: [Int] { listColumns.indices.filter { listColumns[$0].sortable } }

    public func applying(_ query: PaneQuery) -> any PaneSource { queried(query) }

    /// The same rows, filtered and sorted as `query` asks.
    public func queried(_ query: PaneQuery) -> ListSource {
        guard query != self.query else { return self }
        return ListSource(self, query: query, visible: Self.order(store, columns: listColumns, query: query, defaultSort: defaultSort))
    }

    static func order(_ store: Store, columns: [ListColumn<Row>], query: PaneQuery, defaultSort: RowOrder) -> [Int] {
        var indices = Array(store.rows.indices)
        let needle = TextMatch.folded(query.filter)
        if !needle.isEmpty {
            indices = indices.filter { TextMatch.contains(store.folded[$0], needle) }
        }
        let sort = query.sort ?? defaultSort
        guard let column = sort.column, columns.indices.contains(column) else {
            return sort.descending ? indices.reversed() : indices
        }
        // Keys once per row (folded once), then an index sort; ties keep the pane's own order.
        let keys: [FoldedKey] = if let key = columns[column].sortKey {
            store.rows.map { FoldedKey(key($0)) }
        } else {
            store.cells.map { .text(TextMatch.folded(column < $0.count ? $0[column].text : "")) }
        }
        return indices.sorted { a, b in
            let ordered = keys[a].precedes(keys[b]), reverse = keys[b].precedes(keys[a])
            if !ordered && !reverse { return a < b }
            return sort.descending ? reverse : ordered
        }
    }

}

/// A sort key ready to compare: numbers as they are, text folded once.
enum FoldedKey {
    case number(Double)
    case text([UInt8])

    init(_ value: SortValue) {
        switch value {
        case .number(let number): self = .number(number)
        case .text(let text): self = .text(TextMatch.folded(text))
        }
    }

    func precedes(_ other: FoldedKey) -> Bool {
        switch (self, other) {
        case (.number(let x), .number(let y)): return x < y
        case (.text(let x), .text(let y)): return TextMatch.precedes(x, y)
        case (.number, .text): return true
        case (.text, .number): return false
        }
    }
}
