import ShipshapeCore
import PaneKit

/// The estate as the watches last saw it: each cluster's watch reads the others here, for the
/// rules that compare clusters.
public actor EstateViews {
    private var views: [ClusterView?]

    public init(count: Int) {
        views = Array(repeating: nil, count: count)
    }

    public func set(_ index: Int, _ view: ClusterView) {
        guard views.indices.contains(index) else { return }
        views[index] = view
    }

    public func others(than index: Int) -> [ClusterView] {
        views.indices.filter { $0 != index }.compactMap { views[$0] }
    }
}
