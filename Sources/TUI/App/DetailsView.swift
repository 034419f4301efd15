import ShipshapeCore
import PaneKit

/// A details view (Enter on a row, and the help): its text, how far it is scrolled and what
/// is searched in it. Long lines wrap when drawn; `scroll` counts wrapped lines.
public struct DetailsView: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    public var scroll = 0
    /// Highlighted in the text; `n`/`N` move to the next and previous line holding it.
    public var search = ""

    public init(title: String, lines: [String], search: String = "") {
        self.title = title
        self.lines = lines
        self.search = search
    }

    /// Indices of the (wrapped) lines that hold the search, ignoring case.
    static func matches(in wrapped: [String], search: String) -> [Int] {
        guard !search.isEmpty else { return [] }
        let needle = TextMatch.folded(search)
        return wrapped.indices.filter { TextMatch.contains(TextMatch.folded(wrapped[$0]), needle) }
    }
}
