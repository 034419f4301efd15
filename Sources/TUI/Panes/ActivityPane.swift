import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Activity: refreshes, fix steps and errors, newest first; `u` undoes applied fixes.
enum ActivityPane {
    /// A line of the pane, with where it sits in the model's history (what `u` undoes).
    struct Row: Sendable {
        var index: Int
        var item: ActivityItem
    }

    static let columns: [ListColumn<Row>] = [
        ListColumn("TIME", .fixed(8), sort: { .number($0.item.time.timeIntervalSince1970) }) { Cell(Formatting.clock($0.item.time), .dim) },
        ListColumn("", .fixed(1), sortable: false) { mark($0.item) },
        ListColumn("WHAT", .slack(min: 16)) { row in
            let item = row.item
            return Cell(item.undoable ? item.text + "  [u undo]" : item.text, item.kind == .error || item.kind == .alarm ? .error : .normal)
        },
    ]

    static func source(_ activity: RingBuffer<ActivityItem>) -> ListSource<Row> {
        let rows = activity.elements.enumerated().reversed().map { Row(index: $0.offset, item: $0.element) }
        return ListSource(title: "Activity", columns: columns, rows: rows, emptyText: "nothing yet", details: details)
    }

    static func mark(_ item: ActivityItem) -> Cell {
        switch item.kind {
        case .fix: item.undone ? Cell("↺", .dim) : Cell("✓", .ok)
        case .undo: Cell("↺", .info)
        case .error: Cell("✗", .error)
        case .refused: Cell("!", .warning)
        case .info: Cell("·", .dim)
        case .event: Cell("~", .info)
        case .alarm: Cell("‼", .error)
        }
    }

    static func details(_ row: Row) -> (title: String, lines: [String]) {
        let item = row.item
        var lines = [Formatting.clock(item.time) + "  " + item.kind.rawValue, "", item.text]
        if let plan = item.plan {
            lines += ["", "Commands run:"] + plan.commands.map { "  $ " + $0.displayLine }
            lines += ["", item.undone ? "Undone." : "u undoes this fix (preview and confirmation first)."]
        }
        return ("Activity", lines)
    }
}
