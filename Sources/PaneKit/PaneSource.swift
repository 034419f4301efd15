import Foundation
import ShipshapeCore

/// A cell of a list row: text and how to colour it.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var role: StyleRole

    public init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// What one pane shows. Nothing here draws or starts a process: the TUI draws it, the
/// engine fills it. Most panes are a `ListSource` over their row type, which builds its
/// rows once per state and filters and sorts them once per query.
public protocol PaneSource: Sendable {
    var title: String { get }
    var columns: [Column] { get }
    /// Rows shown (after the filter).
    var rowCount: Int { get }
    func row(at index: Int) -> [Cell]
    /// Set when the pane's data could not be read: shown instead of rows.
    var errorText: String? { get }
    /// Shown when there are no rows (or while loading).
    var emptyText: String { get }
    /// An optional summary line under the title (e.g. "2/2 ready").
    var summary: [Cell]? { get }
    /// Title and lines of the details dialog for a row (Enter), if the pane has any.
    func details(at index: Int) -> (title: String, lines: [String])?
    /// What the pane's row keys do here (`f` on a Swarm node drains it). The console's one
    /// dispatcher still decides, from each action's `mutating`, whether it may run.
    var actions: [RowAction] { get }

    /// Rows before the filter (the `5000` of `Nodes 3/5000`).
    var totalCount: Int { get }
    /// The filter and sort this source was built with.
    var query: PaneQuery { get }
    /// The order used when the operator has not picked one (Findings: by severity).
    var defaultSort: RowOrder { get }
    /// Columns `s` cycles through.
    var sortableColumns: [Int] { get }
    /// True when `/` filters this pane.
    var isFilterable: Bool { get }
    /// The same pane, filtered and sorted as asked. Cheap: rows are not built again.
    func applying(_ query: PaneQuery) -> any PaneSource
}

extension PaneSource {
    public var summary: [Cell]? { nil }
    public func details(at index: Int) -> (title: String, lines: [String])? { nil }
    public var actions: [RowAction] { [] }
    public var totalCount: Int { rowCount }
    public var query: PaneQuery { .none }
    public var defaultSort: RowOrder { .natural }
    public var sortableColumns: [Int] { [] }
    public var isFilterable: Bool { false }
    public func applying(_ query: PaneQuery) -> any PaneSource { self }

    /// The sort in force: the one asked for, else the pane's default.
    public var effectiveSort: RowOrder { query.sort ?? defaultSort }
}

/// A pane that lays out its own lines instead of a table (the update windows week grid
/// needs per-cell colours a row of columns cannot carry). It is still a `PaneSource`, so
/// selection, Tab order, filter, sort, zoom and details work as for every other pane.
public protocol DrawnPane: PaneSource {
    /// The lines inside the frame, top to bottom; each line's cells are drawn left to right.
    func lines(width: Int, height: Int, selected: Int, focused: Bool) -> [[Cell]]
}

/// A pane with nothing to list yet, and a sentence saying why.
public struct PlaceholderPaneSource: PaneSource {
    public let title: String
    public let text: String

    public init(title: String, text: String) {
        self.title = title
        self.text = text
    }

    public var columns: [Column] { [Column("", .fixed(0))] }
    public var rowCount: Int { 0 }
    public func row(at index: Int) -> [Cell] { [] }
    public var errorText: String? { nil }
    public var emptyText: String { text }
}
