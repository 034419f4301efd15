import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// How the operator moves around: panes in screen order, numbers, zoom, the filter and the
/// command line, sorting, sideways scroll, and reading a details view.
extension ConsoleController {
    /// The current cluster's panes in the order the screen shows them (Tab, and the numbers).
    var orderedPanes: [PaneKind] {
        Layout.order(model.paneSpecs, cols: screen.cols).map(\.kind)
    }

    func paneTitle(_ kind: PaneKind) -> String {
        model.paneSpecs.first { $0.kind == kind }?.title ?? kind.id
    }

    func cyclePanes(forward: Bool) {
        let all = orderedPanes
        guard !all.isEmpty else { return }
        let index = all.firstIndex(of: model.focus) ?? 0
        model.focus = all[(index + (forward ? 1 : all.count - 1)) % all.count]
    }

    /// `1`–`9`: the pane whose title carries the number (on the board, the Nth cluster row).
    func jump(to number: Int) {
        if model.showingBoard {
            guard number <= model.rowCount(.board) else { model.say("the board has \(model.rowCount(.board)) row(s)", error: true); return }
            model.boardSelection = number - 1
            return
        }
        let all = orderedPanes
        guard all.indices.contains(number - 1) else { model.say("there is no pane \(number): panes are 1–\(all.count)", error: true); return }
        model.focus = all[number - 1]
    }

    /// Rows a page moves: the focused pane's visible rows.
    func pageSize(_ pane: PaneKind) -> Int {
        let frame = Renderer.frame(model, rows: screen.rows, cols: screen.cols)
        if model.showingBoard { return max(screen.rows - 8, 1) }
        return max((frame?.layout.panes[pane]?.height ?? screen.rows / 2) - 5, 1)
    }

    func scrollSideways(_ delta: Int) {
        let pane = model.activePane
        let built = ConsolePanes.pane(pane, model: model)
        let width: Int
        if model.showingBoard {
            width = screen.cols - 2
        } else if let rect = Renderer.frame(model, rows: screen.rows, cols: screen.cols)?.layout.panes[pane] {
            width = rect.width - 2
        } else { return }
        let limit = TableLayout.maxScroll(built.source.columns, contentWidths: built.contentWidths, sort: built.source.effectiveSort, total: width)
        let current = min(model.view(of: pane).hscroll, limit)
        let next = min(max(current + delta, 0), limit)
        if next == current {
            model.say(limit == 0 ? "every column is in view" : delta > 0 ? "the last column is in view" : "the first columns are in view")
        }
        model.updateView(of: pane) { $0.hscroll = next }
    }

    /// Esc outside a dialog and the command line: clear the filter, then leave zoom, then
    /// go back to the estate board.
    func back() {
        let pane = model.activePane
        if !model.view(of: pane).filter.isEmpty { clearFilter(pane); return }
        if model.zoomed { model.zoomed = false; model.say("all panes"); return }
        guard model.isMultiCluster else { model.say("only one cluster is open"); return }
        model.showingBoard = true
        model.boardSelection = (ConsolePanes.source(.board, model: model) as? ListSource<BoardPane.Row>)?
            .items.firstIndex { $0.index == model.current } ?? 0
    }

    func clearFilter(_ pane: PaneKind) {
        model.updateView(of: pane) { $0.filter = "" }
        model.say("filter cleared")
    }

    func openFilter() {
        let pane = model.activePane
        guard ConsolePanes.source(pane, model: model).isFilterable else { model.say("this pane has nothing to filter", error: true); return }
        model.prompt = Prompt(kind: .filter(pane), text: model.view(of: pane).filter)
    }

    /// `s`: the next sortable column (and the pane's own order, where it has one); `S`: the
    /// other way round. The header marks the column.
    func sort(reverse: Bool) {
        let pane = model.activePane
        let source = ConsolePanes.source(pane, model: model)
        let sortable = source.sortableColumns
        guard !sortable.isEmpty else { model.say("this pane has no columns to sort by", error: true); return }
        let now = source.effectiveSort
        let order: RowOrder
        if reverse {
            order = RowOrder(column: now.column, descending: !now.descending)
        } else {
            let cycle: [Int?] = (source.defaultSort.column == nil ? [nil] : []) + sortable.map(Optional.some)
            let position = cycle.firstIndex { $0 == now.column } ?? -1
            order = RowOrder(column: cycle[(position + 1) % cycle.count])
        }
        model.updateView(of: pane) { $0.sort = order }
        let name = order.column.map { source.columns[$0].title.isEmpty ? "column \($0 + 1)" : source.columns[$0].title }
        model.say(name.map { "sorted by \($0) \(order.descending ? "▼ descending" : "▲ ascending")" }
                  ?? "in the pane's own order\(order.descending ? ", reversed" : "")")
    }

    // MARK: typing

    func type(_ character: Character) {
        switch model.dialog {
        case .confirm(let plan, let dryRun, let typed)?:
            model.dialog = .confirm(plan: plan, dryRun: dryRun, typed: typed + String(character))
            return
        case .windowForm(var form)?:
            form.type(character)
            model.dialog = .windowForm(form)
            return
        default: break
        }
        guard var prompt = model.prompt else { return }
        prompt.type(character)
        model.prompt = prompt
        promptChanged()
    }

    func erase() {
        switch model.dialog {
        case .confirm(let plan, let dryRun, let typed)?:
            model.dialog = .confirm(plan: plan, dryRun: dryRun, typed: String(typed.dropLast()))
        case .windowForm(var form)?:
            form.erase()
            model.dialog = .windowForm(form)
        default:
            guard var prompt = model.prompt else { return }
            prompt.erase()
            model.prompt = prompt
            promptChanged()
        }
    }

    /// A filter narrows its pane as it is typed; a search moves the details view to its first match.
    func promptChanged() {
        guard let prompt = model.prompt else { return }
        switch prompt.kind {
        case .filter(let pane):
            model.updateView(of: pane) { $0.filter = prompt.text }
            model.selection[pane] = 0
        case .search:
            guard case .details(var details)? = model.dialog else { return }
            details.search = prompt.text
            model.dialog = .details(details)
            moveToMatch(forward: true, includingCurrent: true)
        case .command: break
        }
    }

    /// Keys while a line is typed. True when the key was the line's.
    func performOnPrompt(_ action: Action) -> Bool {
        guard var prompt = model.prompt else { return false }
        switch action {
        case .cancel:
            model.prompt = nil
            switch prompt.kind {
            case .filter(let pane): clearFilter(pane)
            case .search:
                if case .details(var details)? = model.dialog { details.search = ""; model.dialog = .details(details) }
            case .command: break
            }
        case .submit:
            model.prompt = nil
            if case .filter(let pane) = prompt.kind {
                let count = model.rowCount(pane)
                model.say(prompt.text.isEmpty ? "no filter" : "\(count) row(s) match “\(prompt.text)” — Esc clears the filter")
            }
        case .erase: erase()
        case .complete:
            guard case .command = prompt.kind else { return true }
            let candidates = ColonCommand.candidates(for: prompt.text, panes: model.commandPanes, clusters: model.clusters.map(\.target.name),
                                                     rules: failingRules)
            let (text, hint) = ColonCommand.complete(prompt.text, candidates: candidates)
            prompt.text = text
            prompt.hint = hint
            model.prompt = prompt
        case .historyPrevious, .historyNext:
            guard case .command = prompt.kind, !model.commandHistory.isEmpty else { return true }
            let count = model.commandHistory.count
            let index = action == .historyPrevious ? max((prompt.historyIndex ?? count) - 1, 0) : (prompt.historyIndex ?? count) + 1
            prompt.historyIndex = index < count ? index : nil
            prompt.text = index < count ? model.commandHistory[index] : ""
            model.prompt = prompt
        default: return true
        }
        return true
    }


    var failingRules: [String] {
        Array(Set(model.visibleFindingRows.filter { $0.finding.verdict == .fail }.map(\.finding.rule.id))).sorted()
    }

    func closeCommandLine() {
        if let text = model.prompt?.text.trimmingCharacters(in: .whitespaces), !text.isEmpty, model.commandHistory.last != text {
            model.commandHistory.append(text)
            if model.commandHistory.count > 100 { model.commandHistory.removeFirst() }
        }
        model.prompt = nil
    }

    // MARK: the command line

    func run(_ command: ColonCommand) {
        closeCommandLine()
        switch command {
        case .quit: quitRequested = true
        case .help: model.dialog = DetailsBuilder.help(for: model)
        case .board:
            guard model.isMultiCluster else { model.say("only one cluster is open: there is no board"); return }
            model.prompt = nil
            model.zoomed = false
            model.showingBoard = true
        case .cluster(let name):
            let names = model.clusters.map(\.target.name)
            let index = names.firstIndex(of: name) ?? names.firstIndex { $0.lowercased() == name.lowercased() }
                ?? { let found = names.indices.filter { names[$0].lowercased().hasPrefix(name.lowercased()) }; return found.count == 1 ? found[0] : nil }()
            guard let index else { model.say("no cluster \(name) (there are: \(names.joined(separator: ", ")))", error: true); return }
            model.current = index
            model.showingBoard = false
            model.say("current cluster: \(model.target.label)")
        case .pane(let kind):
            guard model.panes.contains(kind) else {
                model.say("\(model.target.name) (\(model.target.platform.displayName)) has no \(kind.id) pane: "
                          + ColonCommand.usage(model.panes), error: true)
                return
            }
            model.showingBoard = false
            model.focus = kind
        case .fix(let rule):
            model.showingBoard = false
            var rows = model.shownFindingRows
            if !rows.contains(where: { $0.finding.rule.id == rule }) {
                // Hidden by the findings filter: the command names the rule, so show it.
                model.updateView(of: .findings) { $0.filter = "" }
                rows = model.shownFindingRows
            }
            guard let index = rows.firstIndex(where: { $0.finding.rule.id == rule && $0.finding.verdict == .fail }) else {
                model.say("no failing \(rule) finding on \(model.showsAllClusters ? "the open clusters" : model.target.name)", error: true)
                return
            }
            model.focus = .findings
            model.selection[.findings] = index
            perform(.fix)
        }
    }

    // MARK: details

    /// Keys in a details view (and the help). True when the key was the view's.
    func performOnDetails(_ action: Action) -> Bool {
        guard case .details(var details)? = model.dialog else { return false }
        let layout = DialogView.detailsLayout(details, rows: screen.rows, cols: screen.cols)
        let last = max(layout.wrapped.count - layout.bodyRows, 0)
        switch action {
        case .moveDown: details.scroll += 1
        case .moveUp: details.scroll -= 1
        case .pageDown: details.scroll += max(layout.bodyRows - 1, 1)
        case .pageUp: details.scroll -= max(layout.bodyRows - 1, 1)
        case .top: details.scroll = 0
        case .bottom: details.scroll = last
        case .filter:
            model.prompt = Prompt(kind: .search, text: details.search)
            return true
        case .nextMatch, .previousMatch:
            moveToMatch(forward: action == .nextMatch, includingCurrent: false)
            return true
        case .cancel:
            model.dialog = nil
            return true
        default: return false
        }
        details.scroll = min(max(details.scroll, 0), last)
        model.dialog = .details(details)
        return true
    }

    /// Scrolls the details view to the next (or previous) line holding the search.
    func moveToMatch(forward: Bool, includingCurrent: Bool) {
        guard case .details(var details)? = model.dialog else { return }
        guard !details.search.isEmpty else { model.say("nothing searched: / searches", error: true); return }
        let layout = DialogView.detailsLayout(details, rows: screen.rows, cols: screen.cols)
        let matches = DetailsView.matches(in: layout.wrapped, search: details.search)
        guard !matches.isEmpty else { model.say("“\(details.search)” is not in this view", error: true); return }
        let here = details.scroll
        let target: Int
        if forward {
            target = matches.first { includingCurrent ? $0 >= here : $0 > here } ?? matches[0]
        } else {
            target = matches.last { $0 < here } ?? matches[matches.count - 1]
        }
        let position = (matches.firstIndex(of: target) ?? 0) + 1
        details.scroll = min(target, max(layout.wrapped.count - layout.bodyRows, 0))
        model.dialog = .details(details)
        model.say("match \(position) of \(matches.count) for “\(details.search)”")
    }
}
