import ShipshapeCore
import PaneKit
/// One row of the key table: which keys, what they do, and whether the action
/// changes the cluster. The dispatcher reads `mutating`; no view decides on its own.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String
    public var mutating: Bool

    /// The single key table. The help overlay and `shipshape keys` are generated from it.
    public static let table: [KeyBinding] = [
        KeyBinding(keys: [.tab], action: .nextPane, help: "next pane", mutating: false),
        KeyBinding(keys: [.backTab], action: .previousPane, help: "previous pane", mutating: false),
        KeyBinding(keys: [.char("j"), .down], action: .moveDown, help: "move down", mutating: false),
        KeyBinding(keys: [.char("k"), .up], action: .moveUp, help: "move up", mutating: false),
        KeyBinding(keys: [.pageDown, .ctrl("d")], action: .pageDown, help: "page down", mutating: false),
        KeyBinding(keys: [.pageUp, .ctrl("u")], action: .pageUp, help: "page up", mutating: false),
        KeyBinding(keys: [.char("g"), .home], action: .top, help: "first row", mutating: false),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, help: "last row", mutating: false),
        KeyBinding(keys: [.enter], action: .details, help: "details of the selected row; on the estate board, open the cluster", mutating: false),
        KeyBinding(keys: [.escape], action: .back, help: "back to the estate board (several clusters)", mutating: false),
        KeyBinding(keys: [.char("f")], action: .fix, help: "fix the selected finding, or the focused pane's row action (drain a node, take a snapshot); preview, dry run, confirm", mutating: true),
        KeyBinding(keys: [.char("m")], action: .markDone, help: "mark the selected manual finding as checked by hand (recorded)", mutating: true),
        KeyBinding(keys: [.char("u")], action: .undo, help: "undo the selected fix in Activity (or the last one)", mutating: true),
        KeyBinding(keys: [.char("r")], action: .refresh, help: "refresh now", mutating: false),
        KeyBinding(keys: [.char("w")], action: .toggleWatch, help: "toggle watch mode (refresh on the interval, log changes)", mutating: false),
        KeyBinding(keys: [.char("R")], action: .toggleReadOnly, help: "toggle read-only mode (not when started with --read-only: that is a lock)", mutating: false),
        KeyBinding(keys: [.char("c")], action: .switchCluster, help: "next cluster of the estate", mutating: false),
        KeyBinding(keys: [.char("A")], action: .toggleAllClusters, help: "findings of all clusters / of the current one", mutating: false),
        KeyBinding(keys: [.char("a")], action: .addWindow, help: "add an update window (where the platform has them: form, preview, dry run, confirm)", mutating: true),
        KeyBinding(keys: [.char("?")], action: .help, help: "this help", mutating: false),
        KeyBinding(keys: [.char("q")], action: .quit, help: "quit", mutating: false),
    ]

    /// Keys inside a confirm dialog; the default is always Cancel.
    public static let dialogTable: [KeyBinding] = [
        KeyBinding(keys: [.char("y")], action: .confirm, help: "apply (low-risk fixes)", mutating: true),
        KeyBinding(keys: [.char("n"), .escape, .enter], action: .cancel, help: "cancel (default)", mutating: false),
    ]

    /// Keys inside the update-window form; other characters type into the focused field.
    public static let formTable: [KeyBinding] = [
        KeyBinding(keys: [.tab, .down], action: .nextField, help: "next field", mutating: false),
        KeyBinding(keys: [.backTab, .up], action: .previousField, help: "previous field", mutating: false),
        KeyBinding(keys: [.enter], action: .submit, help: "check the window, then preview and dry-run it", mutating: false),
        KeyBinding(keys: [.escape], action: .cancel, help: "close the form (nothing changes)", mutating: false),
    ]

    public static func binding(for key: Key, in table: [KeyBinding] = table) -> KeyBinding? {
        table.first { $0.keys.contains(key) }
    }

    /// "j/↓" style label for help texts.
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
