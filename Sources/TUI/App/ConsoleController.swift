import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Runs the console: turns keys into actions, starts engine work off the main
/// actor, folds results back into the model and redraws. Knows nothing about
/// curses — tests drive it with a `GridScreen`. With several clusters (a `Workspace`),
/// keys act on the current one; refreshes read them all.
@MainActor
public final class ConsoleController {
    public internal(set) var model: AppModel
    public let workspace: Workspace
    /// The current cluster's session: fixes and undos run through it.
    public var session: Session { workspace.sessions[model.current] }
    public var screen: any Screen
    public internal(set) var quitRequested = false
    /// Seconds between automatic refreshes; nil turns them off.
    public var autoRefreshSeconds: Double?
    /// Rings the terminal bell when an alarming event arrives (watch mode).
    public var bellOnAlarm = false
    private var bellPending = false
    private var refreshTask: Task<Void, Never>?
    private var operationTask: Task<Void, Never>?
    private var needsDraw = true

    public convenience init(session: Session, screen: any Screen, readOnly: Bool, autoRefreshSeconds: Double? = 15,
                            watchInterval: Double = 5, watching: Bool = false) {
        self.init(workspace: Workspace(session: session), screen: screen, readOnly: readOnly, autoRefreshSeconds: autoRefreshSeconds,
                  watchInterval: watchInterval, watching: watching)
    }

    public init(workspace: Workspace, screen: any Screen, readOnly: Bool, autoRefreshSeconds: Double? = 15,
                watchInterval: Double = 5, watching: Bool = false, keys: KeyMap = .standard) {
        self.workspace = workspace
        self.screen = screen
        self.model = AppModel(clusters: workspace.sessions.map { ClusterSlot(target: $0.target, plugin: $0.plugin) }, readOnly: readOnly)
        self.model.policy = workspace.sessions.first?.ruleEngine.policy ?? .default
        self.model.schedule = WatchSchedule(interval: watchInterval)
        self.model.watching = watching
        self.model.keys = keys
        self.autoRefreshSeconds = autoRefreshSeconds
    }

    /// First paint happens before any probe answers.
    public func start() {
        for target in workspace.targets {
            let locked = model.readOnly || target.readOnly
            model.record(ActivityItem(kind: .info, text: "pinned \(target.label)\(locked ? " (read-only)" : "")"))
        }
        drawNow()
        refresh()
    }

    public func handle(_ key: Key) {
        if key == .resize { needsDraw = true; return }
        switch Dispatcher.dispatch(key, model: model) {
        case .perform(let action): perform(action)
        case .jump(let number): jump(to: number)
        case .command(let command): run(command)
        case .refused(let reason):
            if case .command? = model.prompt?.kind { closeCommandLine() }
            model.say(reason, error: true)
        case .typed(let character): type(character)
        case .ignored: return
        }
        needsDraw = true
    }

    func perform(_ action: Action) {
        if model.prompt != nil, performOnPrompt(action) { return }
        if case .details? = model.dialog, performOnDetails(action) { return }
        if model.showingBoard, performOnBoard(action) { return }
        let pane = model.activePane
        switch action {
        case .nextPane, .previousPane: cyclePanes(forward: action == .nextPane)
        case .moveDown: model.move(1, in: pane)
        case .moveUp: model.move(-1, in: pane)
        case .pageDown: model.move(pageSize(pane), in: pane)
        case .pageUp: model.move(-pageSize(pane), in: pane)
        case .top: model.move(-model.rowCount(pane), in: pane)
        case .bottom: model.move(model.rowCount(pane), in: pane)
        case .scrollLeft, .scrollRight: scrollSideways(action == .scrollRight ? 1 : -1)
        case .details:
            model.dialog = DetailsBuilder.details(for: model)
            if model.dialog == nil { model.say("no details here") }
        case .back: back()
        case .filter: openFilter()
        case .command: model.prompt = Prompt(kind: .command)
        case .sortNext: sort(reverse: false)
        case .sortReverse: sort(reverse: true)
        case .zoom:
            model.zoomed.toggle()
            model.say(model.zoomed ? "zoomed: \(paneTitle(model.focus)) fills the screen (\(model.keys.keyName(.zoom)) or Esc returns)" : "all panes")
        case .fix: startFix()
        case .markDone: startMarkDone()
        case .undo: startUndo()
        case .refresh: refresh()
        case .help: model.dialog = DetailsBuilder.help(for: model)
        case .quit: quitRequested = true
        case .toggleWatch:
            model.watching.toggle()
            model.say(model.watching ? "watch mode on: refreshing every \(Formatting.seconds(model.schedule.interval))" : "watch mode off")
            model.record(ActivityItem(kind: .info, text: model.watching ? "watch mode on" : "watch mode off"))
            if model.watching { refresh() }
        case .toggleReadOnly:
            if model.readOnly, let lock = model.readOnlyLock {
                model.say("read-only is locked: \(lock)", error: true)
                return
            }
            model.readOnly.toggle()
            model.say(model.readOnly ? "read-only mode on: fixes disabled" : "read-only mode off: fixes enabled")
            model.record(ActivityItem(kind: .info, text: model.readOnly ? "read-only mode on" : "read-only mode off"))
        case .confirm: confirm()
        case .cancel: cancel()
        case .erase: erase()
        case .switchCluster: switchCluster(to: (model.current + 1) % model.clusters.count)
        case .toggleAllClusters:
            guard model.isMultiCluster else { model.say("only one cluster is open (repeat --context, or --all-contexts)"); return }
            model.allClusterFindings.toggle()
            model.selection[.findings] = 0
            model.say(model.allClusterFindings ? "findings of all \(model.clusters.count) clusters" : "findings of \(model.target.name) only")
        case .addWindow: openWindowForm(proposal: nil)
        case .nextField, .previousField:
            if case .windowForm(var form) = model.dialog {
                form.move(action == .nextField ? 1 : -1)
                model.dialog = .windowForm(form)
            }
        case .submit: submitWindowForm()
        case .jumpToPane, .nextMatch, .previousMatch, .complete, .historyPrevious, .historyNext: break
        }
    }

    /// Keys on the estate board: open, cycle; the rest need a cluster open. Moving, filter
    /// and sort work on the board as on any pane. True when the key was the board's.
    func performOnBoard(_ action: Action) -> Bool {
        switch action {
        case .switchCluster: model.boardSelection = (model.selected(.board) + 1) % max(model.rowCount(.board), 1)
        case .details, .nextPane: openCluster(boardRow: model.selected(.board))
        case .back:
            if !model.view(of: .board).filter.isEmpty { clearFilter(.board) }
        case .fix, .markDone, .addWindow:
            model.say("open a cluster first (Enter), then act on it", error: true)
        case .zoom:
            model.say("the board already fills the screen")
        default: return false
        }
        return true
    }

    /// Opens the cluster on row `index` of the board (as filtered and sorted).
    func openCluster(boardRow index: Int) {
        guard let row = (ConsolePanes.source(.board, model: model) as? ListSource<BoardPane.Row>)?.item(at: index) else {
            model.say("no cluster on this row", error: true)
            return
        }
        model.current = row.index
        model.showingBoard = false
        model.say("\(model.target.label) — Esc returns to the estate board")
    }

    /// Makes another cluster current: the header, the panes and the keys follow it.
    func switchCluster(to index: Int) {
        guard model.clusters.indices.contains(index) else { return }
        guard index != model.current else {
            if !model.isMultiCluster { model.say("only one cluster is open (repeat --context, or --all-contexts)") }
            return
        }
        model.current = index
        model.say("current cluster: \(model.target.label)")
    }

    /// Opens the update-window form for the current cluster, pre-filled with `proposal`
    /// (a finding's suggestion) or the policy's proposed window.
    func openWindowForm(proposal: UpdateWindowSpec?) {
        guard let editor = session.adapter as? any UpdateWindowEditing else {
            model.say("\(model.target.platform.displayName) has no update windows to edit (\(model.target.name))", error: true)
            return
        }
        let existing: [UpdateWindowSpec]
        switch editor.updateWindows(in: model.snapshot?.state) {
        case .success(let windows): existing = windows
        case .failure(let refusal):
            model.say(refusal.reason, error: true)
            return
        }
        let spec = proposal ?? session.ruleEngine.policy.deckhouseProposedWindow
        var form = WindowForm(cluster: model.current, proposal: spec)
        form.existing = existing
        model.dialog = .windowForm(form)
    }

    /// Validates the form; a valid window becomes a plan, dry-run like any other fix.
    func submitWindowForm() {
        guard case .windowForm(var form) = model.dialog else { return }
        switch form.validate() {
        case .failure(let error):
            form.error = error.description
            model.dialog = .windowForm(form)
        case .success(let window):
            switchCluster(to: form.cluster)
            guard let editor = session.adapter as? any UpdateWindowEditing else { return }
            let state = model.snapshot?.state
            let planned = editor.updateWindows(in: state).flatMap { existing in
                editor.planWindow(window.spec, existing: existing, adding: true,
                                  session.request(ruleID: "DH-UPDATE-WINDOWS", subject: "moduleconfig/deckhouse", state: state))
            }
            switch planned {
            case .success(let plan): prepare(plan)
            case .failure(let refusal):
                form.error = refusal.reason
                model.dialog = .windowForm(form)
            }
        }
    }

    /// Starts a refresh unless one is running: refreshes never overlap.
    public func refresh() {
        guard refreshTask == nil else { return }
        model.refreshing = true
        model.reading = Set(model.clusters.indices)
        needsDraw = true
        let workspace = self.workspace
        let previous = model.clusters.map { $0.snapshot?.state }
        refreshTask = Task { [weak self] in
            // Each cluster lands on the board as soon as it is read: one that hangs holds
            // only its own row.
            let snapshots = await Refresher.refreshAll(workspace, parallel: workspace.parallel, previous: previous) { [weak self] index, snapshot in
                await self?.land(index, snapshot)
            }
            self?.finishRefresh(snapshots)
        }
    }

    /// One cluster read in a round still running: shown at once, its events logged.
    private func land(_ index: Int, _ snapshot: Snapshot) {
        guard model.clusters.indices.contains(index) else { return }
        model.reading.remove(index)
        apply(snapshot, to: index)
        needsDraw = true
    }

    private func finishRefresh(_ snapshots: [Snapshot]) {
        model.schedule.record(success: snapshots.allSatisfy { $0.state.failures.isEmpty })
        for (index, snapshot) in snapshots.enumerated() where model.clusters.indices.contains(index) {
            apply(snapshot, to: index)
        }
        model.reading = []
        // The previous snapshots were freed just now, after the workspace's own trim: give
        // their pages back too, or the console holds two states' worth between refreshes.
        Refresher.releaseFreePages()
        model.refreshing = false
        model.lastRefresh = Date()
        refreshTask = nil
        needsDraw = true
    }

    /// Stores a cluster's new snapshot and logs what changed since its previous one.
    private func apply(_ snapshot: Snapshot, to index: Int) {
        let previous = model.clusters[index].snapshot
        model.clusters[index].snapshot = snapshot
        // The same round lands twice (as read, then judged with the whole estate): log once.
        guard previous.map({ $0.state.readAt != snapshot.state.readAt }) ?? true else { return }
        let prefix = model.isMultiCluster ? "\(snapshot.state.target.name): " : ""
        let failures = snapshot.state.failures
        if !failures.isEmpty, previous.map({ $0.state.failures.map(\.message) != failures.map(\.message) }) ?? true {
            for failure in failures { model.record(ActivityItem(kind: .error, text: prefix + failure.message)) }
        }
        // Watch events: what changed since this cluster's previous refresh.
        guard let previous else { return }
        var alarming = false
        for event in StateDiffer.events(from: previous, to: snapshot, platform: model.clusters[index].plugin) where event.kind != .probeFailed {
            model.record(ActivityItem(time: event.time, kind: event.isAlarming ? .alarm : .event,
                                      text: "\(prefix)\(event.subject): \(event.text)"))
            alarming = alarming || event.isAlarming
        }
        if bellOnAlarm, alarming { bellPending = true }
    }

    private func startFix() {
        // The focused pane's own row action (drain a node, take a snapshot), if it has one.
        if model.focus != .findings, let action = ConsolePanes.source(model.focus, model: model).actions.first(where: { $0.slot == .fix }) {
            switch action.resolve(model.selected(model.focus)) {
            case .intent(let intent, let ruleID, let subject):
                switch session.plan(intent, ruleID: ruleID, subject: subject, state: model.snapshot?.state) {
                case .success(let plan): prepare(plan)
                case .failure(let refusal): model.say("refused: \(refusal.reason)", error: true)
                }
            case .unavailable(let why): model.say(why, error: true)
            }
            return
        }
        guard model.focus == .findings else {
            model.say("nothing to fix on this pane: select a finding in Findings (Tab), then press f", error: true)
            return
        }
        guard let row = model.selectedFindingRow else { model.say("no finding selected", error: true); return }
        let finding = row.finding
        guard finding.verdict == .fail else { model.say("\(finding.rule.id) is not failing; nothing to fix"); return }
        // A fix runs on the finding's own cluster, which becomes current so the header,
        // the confirmation and the typed context name all name it.
        switchCluster(to: row.cluster)
        if case .addUpdateWindow(let proposal, _)? = finding.fix {
            openWindowForm(proposal: proposal)
            return
        }
        guard finding.fix != nil else {
            model.say("\(finding.rule.id) has no automatic fix — Enter shows what to do by hand")
            return
        }
        switch session.plan(for: finding, state: model.snapshot?.state) {
        case .success(let plan): prepare(plan)
        case .failure(let refusal): model.say("refused: \(refusal.reason)", error: true)
        }
    }

    private func startMarkDone() {
        guard model.focus == .findings, let finding = model.selectedFinding else {
            model.say("select a manual finding in the Findings pane, then press m", error: true)
            return
        }
        guard finding.verdict == .manual else {
            model.say("only manual findings are marked by hand; \(finding.rule.id) is \(finding.verdict.rawValue)", error: true)
            return
        }
        guard case .success(let plan) = session.plan(.markDone(ruleID: finding.rule.id, subject: finding.subject),
                                                     ruleID: finding.rule.id, subject: finding.subject, state: model.snapshot?.state) else { return }
        prepare(plan)
    }

    private func startUndo() {
        let items = model.activity.elements
        let index: Int?
        if model.focus == .activity, let selected = model.selectedActivityIndex {
            index = items[selected].undoable ? selected : nil
            if index == nil { model.say("the selected activity entry is not an undoable fix", error: true); return }
        } else {
            index = items.lastIndex { $0.undoable }
        }
        guard let index, let applied = items[index].plan else { model.say("nothing to undo"); return }
        if let name = items[index].cluster, let cluster = model.clusters.firstIndex(where: { $0.target.name == name }) {
            switchCluster(to: cluster)
        }
        switch session.undoPlan(for: applied, state: model.snapshot?.state) {
        case .success(let plan): prepare(plan)
        case .failure(let refusal): model.say("cannot undo: \(refusal.reason)", error: true)
        }
    }

    /// Dry run first; the confirm dialog shows its answer.
    private func prepare(_ plan: FixPlan) {
        model.dialog = .busy("checking live state and dry-running on the server…\n\(plan.title)")
        let session = self.session
        operationTask = Task { [weak self] in
            let outcome = await session.dryRun(plan)
            self?.showConfirm(plan, outcome)
        }
    }

    private func showConfirm(_ plan: FixPlan, _ outcome: DryRunOutcome) {
        model.dialog = .confirm(plan: plan, dryRun: outcome, typed: "")
        operationTask = nil
        needsDraw = true
    }

    private func confirm() {
        guard case .confirm(let plan, _, _) = model.dialog else { return }
        model.dialog = .busy("applying: \(plan.title)…")
        let session = self.session
        let workspace = self.workspace
        operationTask = Task { [weak self] in
            let outcome = await session.apply(plan)
            // Every cluster: a change on one can change another's cross-cluster findings.
            let snapshots = await workspace.refreshAll()
            self?.finishApply(plan, outcome, snapshots)
        }
    }

    private func finishApply(_ plan: FixPlan, _ outcome: ApplyOutcome, _ snapshots: [Snapshot]) {
        let cluster = model.target.name
        let prefix = model.isMultiCluster ? "\(cluster): " : ""
        model.dialog = nil
        operationTask = nil
        switch outcome {
        case .applied(let cleared, let detail):
            if let original = plan.undoes {
                if let index = model.activity.elements.lastIndex(where: { $0.plan?.id == original }) {
                    model.activity.update(at: index) { $0.undone = true }
                }
                model.record(ActivityItem(kind: .undo, text: "\(prefix)\(plan.title) — \(detail)", plan: nil, cluster: cluster))
            } else {
                model.record(ActivityItem(kind: .fix, text: "\(prefix)\(plan.title) — \(detail)", plan: plan, cluster: cluster))
            }
            model.say(cleared ? "\(plan.title): done, \(detail)" : "\(plan.title): applied; \(detail)", error: !cleared)
        case .refused(let reason):
            model.record(ActivityItem(kind: .refused, text: "\(prefix)\(plan.title) refused: \(reason)", cluster: cluster))
            model.say("refused: \(reason)", error: true)
        case .failed(let reason):
            model.record(ActivityItem(kind: .error, text: "\(prefix)\(plan.title) failed: \(reason)", cluster: cluster))
            model.say("failed: \(reason)", error: true)
        }
        finishRefresh(snapshots)
    }

    private func cancel() {
        if case .confirm(let plan, _, _)? = model.dialog {
            session.executor.cancel(plan)
            model.say("cancelled: nothing changed")
        } else if case .windowForm = model.dialog {
            model.say("cancelled: no window added")
        }
        model.dialog = nil
    }

    /// Called by the loop between keys: automatic refresh (watch interval with
    /// backoff when watching), redraw when needed.
    public func tick(now: Date = Date()) {
        let interval = model.watching ? model.schedule.nextDelay : autoRefreshSeconds
        if let interval, refreshTask == nil, operationTask == nil,
           let last = model.lastRefresh, now.timeIntervalSince(last) >= interval {
            refresh()
        }
        var ageChanged = false
        if let last = model.lastRefresh, Int(now.timeIntervalSince(last)) != lastDrawnAge {
            lastDrawnAge = Int(now.timeIntervalSince(last))
            ageChanged = true   // "refreshed Ns ago" stays true
        }
        if needsDraw {
            drawNow(now: now)
        } else if ageChanged {
            // Only the status line moved: redrawing just it keeps an idle console near zero CPU
            // on a 5,000-node cluster, where a whole frame costs a couple of milliseconds.
            Renderer.drawStatusLine(model, on: screen, now: now)
        }
    }

    /// True while a refresh or a fix is in flight: the terminal loop polls for their results
    /// often then, and sleeps longer between keys when nothing is pending.
    public var isBusy: Bool { refreshTask != nil || operationTask != nil }

    private var lastDrawnAge = -1

    /// True once per alarming event burst; the terminal loop rings the bell.
    public func takeBell() -> Bool {
        defer { bellPending = false }
        return bellPending
    }

    public func drawNow(now: Date = Date()) {
        Renderer.draw(model, on: screen, now: now)
        needsDraw = false
    }

    public func setNeedsDraw() { needsDraw = true }

    /// Waits until no refresh or fix is in flight (tests, headless use).
    public func settle() async {
        while refreshTask != nil || operationTask != nil {
            await refreshTask?.value
            await operationTask?.value
        }
        if needsDraw { drawNow() }
    }
}
