import ShipshapeCore
import PaneKit
/// One row of the key table: where, which keys, what they do, and whether the action
/// changes a cluster (or the console's records). The dispatcher reads `mutating`; no view
/// decides on its own, and `keys.yaml` can change the keys but never `mutating`.
public struct KeyBinding: Sendable, Equatable {
    public var context: KeyContext
    public var keys: [Key]
    public var action: Action
    public var help: String
    /// A word or two for the key bar; nil keeps the binding off it.
    public var label: String?
    public var mutating: Bool

    public init(_ context: KeyContext, _ keys: [Key], _ action: Action, _ help: String, label: String? = nil, mutating: Bool = false) {
        self.context = context
        self.keys = keys
        self.action = action
        self.help = help
        self.label = label
        self.mutating = mutating
    }

    /// "j/↓" style label for help texts.
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }

    /// The standard table: what the console does without a `keys.yaml`. The help overlay,
    /// the key bar, `shipshape keys` and the README's table are all generated from it.
    public static let standard: [KeyBinding] = [
        KeyBinding(.console, [.tab], .nextPane, "next pane (the screen's order: left column down, then right)", label: "pane"),
        KeyBinding(.console, [.backTab], .previousPane, "previous pane"),
        KeyBinding(.console, (1...9).map { .char(Character(String($0))) }, .jumpToPane, "jump to the pane with that number (its title shows it)"),
        KeyBinding(.console, [.char("j"), .down], .moveDown, "move down"),
        KeyBinding(.console, [.char("k"), .up], .moveUp, "move up"),
        KeyBinding(.console, [.pageDown, .ctrl("d")], .pageDown, "page down"),
        KeyBinding(.console, [.pageUp, .ctrl("u")], .pageUp, "page up"),
        KeyBinding(.console, [.char("g"), .home], .top, "first row"),
        KeyBinding(.console, [.char("G"), .end], .bottom, "last row"),
        KeyBinding(.console, [.char("h"), .left], .scrollLeft, "scroll a wide table left (the first column stays)"),
        KeyBinding(.console, [.char("l"), .right], .scrollRight, "scroll a wide table right"),
        KeyBinding(.console, [.enter], .details, "details of the selected row, wrapped; on the estate board, open the cluster", label: "details"),
        KeyBinding(.console, [.char("/")], .filter, "filter the focused pane as you type (any visible column, any case)", label: "filter"),
        KeyBinding(.console, [.char(":")], .command, "command line: :nodes :findings :cluster NAME :fix RULE :board :help :q (Tab completes)", label: "cmd"),
        KeyBinding(.console, [.char("s")], .sortNext, "sort the focused pane by the next column", label: "sort"),
        KeyBinding(.console, [.char("S")], .sortReverse, "reverse the sort"),
        KeyBinding(.console, [.char("z")], .zoom, "zoom: the focused pane full screen, and back", label: "zoom"),
        KeyBinding(.console, [.escape], .back, "clear the focused pane's filter; else back to the estate board (several clusters)"),
        KeyBinding(.console, [.char("f")], .fix, "fix the selected finding, or the focused pane's row action (drain a node, take a snapshot); preview, dry run, confirm", label: "fix", mutating: true),
        KeyBinding(.console, [.char("m")], .markDone, "mark the selected manual finding as checked by hand (recorded)", label: "mark", mutating: true),
        KeyBinding(.console, [.char("u")], .undo, "undo the selected fix in Activity (or the last one)", label: "undo", mutating: true),
        KeyBinding(.console, [.char("r")], .refresh, "refresh now"),
        KeyBinding(.console, [.char("w")], .toggleWatch, "toggle watch mode (refresh on the interval, log changes)"),
        KeyBinding(.console, [.char("R")], .toggleReadOnly, "toggle read-only mode (not when started with --read-only: that is a lock)"),
        KeyBinding(.console, [.char("c")], .switchCluster, "next cluster of the estate"),
        KeyBinding(.console, [.char("A")], .toggleAllClusters, "findings of all clusters / of the current one"),
        KeyBinding(.console, [.char("a")], .addWindow, "add an update window (where the platform has them: form, preview, dry run, confirm)", mutating: true),
        KeyBinding(.console, [.char("?")], .help, "this help", label: "help"),
        KeyBinding(.console, [.char("q")], .quit, "quit", label: "quit"),

        KeyBinding(.details, [.char("j"), .down], .moveDown, "scroll down"),
        KeyBinding(.details, [.char("k"), .up], .moveUp, "scroll up"),
        KeyBinding(.details, [.pageDown, .ctrl("d"), .char(" ")], .pageDown, "page down"),
        KeyBinding(.details, [.pageUp, .ctrl("u")], .pageUp, "page up"),
        KeyBinding(.details, [.char("g"), .home], .top, "top"),
        KeyBinding(.details, [.char("G"), .end], .bottom, "bottom"),
        KeyBinding(.details, [.char("/")], .filter, "search (the pane's filter is searched already)", label: "search"),
        KeyBinding(.details, [.char("n")], .nextMatch, "next match", label: "next"),
        KeyBinding(.details, [.char("N")], .previousMatch, "previous match", label: "prev"),
        KeyBinding(.details, [.escape, .char("q"), .enter], .cancel, "close", label: "close"),

        KeyBinding(.prompt, [.enter], .submit, "run the command; keep the filter", label: "run"),
        KeyBinding(.prompt, [.escape], .cancel, "leave the command line; clear the filter being typed", label: "cancel"),
        KeyBinding(.prompt, [.tab], .complete, "complete the word (pane, cluster, rule)", label: "complete"),
        KeyBinding(.prompt, [.up], .historyPrevious, "earlier command", label: "history"),
        KeyBinding(.prompt, [.down], .historyNext, "later command"),
        KeyBinding(.prompt, [.backspace], .erase, "delete a character"),

        KeyBinding(.confirm, [.char("y")], .confirm, "apply (low-risk fixes; high-risk ones take the typed context name and Enter)", label: "apply", mutating: true),
        KeyBinding(.confirm, [.char("n"), .escape, .enter], .cancel, "cancel (default)", label: "cancel"),
        KeyBinding(.confirm, [.backspace], .erase, "delete a typed character"),

        KeyBinding(.form, [.tab, .down], .nextField, "next field", label: "next"),
        KeyBinding(.form, [.backTab, .up], .previousField, "previous field"),
        KeyBinding(.form, [.enter], .submit, "check the window, then preview and dry-run it", label: "preview", mutating: true),
        KeyBinding(.form, [.escape], .cancel, "close the form (nothing changes)", label: "cancel"),
        KeyBinding(.form, [.backspace], .erase, "delete a character"),
    ]
}
