import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The bottom line: the keys that mean something here, from the key table in force —
/// the focused pane's own first (its row actions included), then the ones every pane has.
/// Keys that would change a cluster are dimmed while read-only.
@MainActor
enum KeyBar {
    struct Item: Equatable {
        var key: String
        var label: String
        var refused: Bool
    }

    static func items(_ model: AppModel) -> [Item] {
        let keys = model.keys
        func item(_ action: Action, _ context: KeyContext = .console, label: String? = nil) -> Item? {
            guard let binding = keys.binding(of: action, in: context), let key = binding.keys.first else { return nil }
            return Item(key: key.label, label: label ?? binding.label ?? action.rawValue, refused: binding.mutating && model.readOnlyReason != nil)
        }
        let context = Dispatcher.context(of: model)
        guard context == .console else {
            // A filter or search being typed has no completion or history: only run and cancel.
            let typing: Set<Action> = model.prompt.map { $0.kind == .command ? [] : [.complete, .historyPrevious, .historyNext] } ?? []
            return keys.bindings(in: context).filter { !typing.contains($0.action) }.compactMap { binding in
                guard let label = binding.label, let key = binding.keys.first else { return nil }
                return Item(key: key.label, label: label, refused: binding.mutating && model.readOnlyReason != nil)
            }
        }
        var own: [Item?] = []
        if model.showingBoard {
            own = [item(.details, label: "open")]
        } else {
            switch model.focus {
            case .findings: own = [item(.fix), item(.markDone), item(.details)]
            case .activity: own = [item(.undo), item(.details)]
            default:
                let source = ConsolePanes.source(model.focus, model: model)
                own = source.actions.map { action in
                    item(.fix, label: action.label).map { Item(key: $0.key, label: action.label, refused: action.mutating && model.readOnlyReason != nil) }
                } + [item(.details)]
            }
        }
        var common: [Item?] = [item(.help), item(.filter), item(.command), item(.sortNext)]
        if !model.showingBoard { common += [item(.zoom, label: model.zoomed ? "unzoom" : "zoom"), item(.nextPane)] }
        if model.isMultiCluster { common.append(model.showingBoard ? item(.switchCluster, label: "cycle") : item(.back, label: "board")) }
        common.append(item(.quit))
        return (own + common).compactMap { $0 }
    }

    static func draw(_ model: AppModel, on screen: any Screen) {
        let row = screen.rows - 1
        guard row >= 0 else { return }
        screen.fill(row: row, col: 0, width: screen.cols, height: 1, role: .normal)
        var x = 1
        for item in items(model) {
            let width = DisplayWidth.of(item.key) + 1 + DisplayWidth.of(item.label)
            guard x + width < screen.cols else { break }
            screen.put(row: row, col: x, item.key, role: item.refused ? .dim : .key)
            screen.put(row: row, col: x + DisplayWidth.of(item.key) + 1, item.label, role: .dim)
            x += width + 2
        }
    }
}
