import ShipshapeCore
import PaneKit

/// Which pane of which cluster: filters and sorts are kept per cluster (a filter typed on
/// one cluster's nodes does not hide another's), Activity and the board once.
public struct PaneKey: Sendable, Hashable {
    public var cluster: String
    public var kind: PaneKind

    public init(cluster: String, kind: PaneKind) {
        self.cluster = cluster
        self.kind = kind
    }
}

/// What the operator did to a pane's view: its filter, its sort, how far a wide table is
/// scrolled sideways. Lives in the model, so it survives every refresh.
public struct PaneViewState: Sendable, Equatable {
    public var filter = ""
    public var sort: RowOrder?
    /// Columns scrolled off to the left (the first column always stays).
    public var hscroll = 0

    public init(filter: String = "", sort: RowOrder? = nil, hscroll: Int = 0) {
        self.filter = filter
        self.sort = sort
        self.hscroll = hscroll
    }

    public var query: PaneQuery { PaneQuery(filter: filter, sort: sort) }
}
