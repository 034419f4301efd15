import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Activity: refreshes, fix steps and errors, newest first; `u` undoes applied fixes.
struct ActivityPaneSource: PaneSource {
    let items: [ActivityItem]

    var title: String { "Activity" }
    var columns: [Column] { [Column("TIME", width: 8), Column("", width: 2), Column("WHAT")] }
    var rowCount: Int { items.count }
    var errorText: String? { nil }
    var emptyText: String { "nothing yet" }

    func row(at index: Int) -> [Cell] {
        let item = items[index]
        let mark: Cell = switch item.kind {
        case .fix: item.undone ? Cell("↺", .dim) : Cell("✓", .ok)
        case .undo: Cell("↺", .info)
        case .error: Cell("✗", .error)
        case .refused: Cell("!", .warning)
        case .info: Cell("·", .dim)
        case .event: Cell("~", .info)
        case .alarm: Cell("‼", .error)
        }
        let text = item.undoable ? item.text + "  [u undo]" : item.text
        return [Cell(Formatting.clock(item.time), .dim), mark, Cell(text, item.kind == .error || item.kind == .alarm ? .error : .normal)]
    }
}
