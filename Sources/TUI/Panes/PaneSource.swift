/// A cell of a list row: text and how to colour it.
public struct Cell: Sendable {
    public var text: String
    public var role: StyleRole

    public init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// A column: header, and a fixed width or nil to take the remaining space.
public struct Column: Sendable {
    public var title: String
    public var width: Int?

    public init(_ title: String, width: Int? = nil) {
        self.title = title
        self.width = width
    }
}

/// What one list pane shows. Rows are produced on demand, so a 5,000-row pane
/// only builds the rows that fit on screen.
public protocol PaneSource {
    var title: String { get }
    var columns: [Column] { get }
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
}

extension PaneSource {
    public var summary: [Cell]? { nil }
    public func details(at index: Int) -> (title: String, lines: [String])? { nil }
}
