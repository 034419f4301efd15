import Foundation
import ShipshapeCore
import PaneKit

/// Built panes, kept between frames: a pane is built when what it shows changed (the
/// model's revisions say so), and filtered and sorted again only when its query changed.
/// Drawing a frame of a 5,000-row pane then costs the rows on screen, not the pane.
///
/// Shared by copies of one model (it is a reference); entries are keyed by revisions that
/// are never reused, so a copy that changed can never read another's pane.
final class PaneCache: @unchecked Sendable {
    /// What a pane was built from.
    struct Key: Hashable {
        var kind: PaneKind
        var current: Int
        var content: Int
        var extra: Int
    }

    private struct Entry {
        var key: Key
        var base: any PaneSource
        var widths: [Int]
        var query: PaneQuery
        var applied: any PaneSource
    }

    private let lock = NSLock()
    private var entries: [PaneKind: Entry] = [:]

    func pane(_ key: Key, query: PaneQuery, build: () -> any PaneSource) -> BuiltPane {
        lock.lock()
        let cached = entries[key.kind]
        lock.unlock()
        if let cached, cached.key == key {
            if cached.query == query { return BuiltPane(source: cached.applied, contentWidths: cached.widths) }
            let applied = cached.base.applying(query)
            store(Entry(key: key, base: cached.base, widths: cached.widths, query: query, applied: applied))
            return BuiltPane(source: applied, contentWidths: cached.widths)
        }
        let base = build()
        let widths = BuiltPane.measure(base)
        let applied = base.applying(query)
        store(Entry(key: key, base: base, widths: widths, query: query, applied: applied))
        return BuiltPane(source: applied, contentWidths: widths)
    }

    private func store(_ entry: Entry) {
        lock.lock()
        entries[entry.key.kind] = entry
        lock.unlock()
    }
}
