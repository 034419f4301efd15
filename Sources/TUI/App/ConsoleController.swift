import Foundation
import Engine

/// Runs the console: turns keys into actions, starts engine work off the main
/// actor, folds results back into the model and redraws. Knows nothing about
/// curses — tests drive it with a `GridScreen`.
@MainActor
public final class ConsoleController {
    public private(set) var model: AppModel
    public let session: Session
    public var screen: any Screen
    public private(set) var quitRequested = false
    /// Seconds between automatic refreshes; nil turns them off.
    public var autoRefreshSeconds: Double?
    /// Rings the terminal bell when an alarming event arrives (watch mode).
    public var bellOnAlarm = false
    private var bellPending = false
    private var refreshTask: Task<Void, Never>?
    private var operationTask: Task<Void, Never>?
    private var needsDraw = true

    public init(session: Session, screen: any Screen, readOnly: Bool, autoRefreshSeconds: Double? = 15,
                watchInterval: Double = 5, watching: Bool = false) {
        self.session = session
        self.screen = screen
        self.model = AppModel(target: session.target, readOnly: readOnly)
        self.model.policy = session.ruleEngine.policy
        self.model.schedule = WatchSchedule(interval: watchInterval)
        self.model.watching = watching
        self.autoRefreshSeconds = autoRefreshSeconds
    }

    /// First paint happens before any probe answers.
    public func start() {
        model.record(ActivityItem(kind: .info, text: "pinned \(session.target.label)\(model.readOnly ? " (read-only)" : "")"))
        drawNow()
        refresh()
    }

    public func handle(_ key: Key) {
        if key == .resize { needsDraw = true; return }
        switch Dispatcher.dispatch(key, model: model) {
        case .perform(let action): perform(action)
        case .refused(let reason): model.say(reason, error: true)
        case .typed(let character):
            if case .confirm(let plan, let dryRun, let typed) = model.dialog {
                model.dialog = .confirm(plan: plan, dryRun: dryRun, typed: typed + String(character))
            }
        case .erase:
            if case .confirm(let plan, let dryRun, let typed) = model.dialog {
                model.dialog = .confirm(plan: plan, dryRun: dryRun, typed: String(typed.dropLast()))
            }
        case .ignored: return
        }
        needsDraw = true
    }

    func perform(_ action: Action) {
        let page = max(screen.rows / 2 - 4, 1)
        switch action {
        case .nextPane, .previousPane:
            let all = model.panes
            let index = all.firstIndex(of: model.focus) ?? 0
            model.focus = all[(index + (action == .nextPane ? 1 : all.count - 1)) % all.count]
        case .moveDown: model.move(1, in: model.focus)
        case .moveUp: model.move(-1, in: model.focus)
        case .pageDown: model.move(page, in: model.focus)
        case .pageUp: model.move(-page, in: model.focus)
        case .top: model.move(-model.rowCount(model.focus), in: model.focus)
        case .bottom: model.move(model.rowCount(model.focus), in: model.focus)
        case .details: model.dialog = DetailsBuilder.details(for: model)
        case .fix: startFix()
        case .markDone: startMarkDone()
        case .undo: startUndo()
        case .refresh: refresh()
        case .help: model.dialog = .help
        case .quit: quitRequested = true
        case .toggleWatch:
            model.watching.toggle()
            model.say(model.watching ? "watch mode on: refreshing every \(Formatting.seconds(model.schedule.interval))" : "watch mode off")
            model.record(ActivityItem(kind: .info, text: model.watching ? "watch mode on" : "watch mode off"))
            if model.watching { refresh() }
        case .toggleReadOnly:
            model.readOnly.toggle()
            model.say(model.readOnly ? "read-only mode on: fixes disabled" : "read-only mode off: fixes enabled")
            model.record(ActivityItem(kind: .info, text: model.readOnly ? "read-only mode on" : "read-only mode off"))
        case .confirm: confirm()
        case .cancel: cancel()
        }
    }

    /// Starts a refresh unless one is running: refreshes never overlap.
    public func refresh() {
        guard refreshTask == nil else { return }
        model.refreshing = true
        needsDraw = true
        let session = self.session
        refreshTask = Task { [weak self] in
            let snapshot = await session.refresh()
            self?.finishRefresh(snapshot)
        }
    }

    private func finishRefresh(_ snapshot: Snapshot) {
        let previous = model.snapshot
        model.schedule.record(success: snapshot.state.failures.isEmpty)
        if let previous {
            let events = StateDiffer.events(from: previous, to: snapshot)
            for event in events {
                model.record(ActivityItem(time: event.time, kind: event.isAlarming ? .alarm : .event, text: "\(event.subject): \(event.text)"))
            }
            if bellOnAlarm, events.contains(where: \.isAlarming) { bellPending = true }
        }
        model.snapshot = snapshot
        model.refreshing = false
        model.lastRefresh = Date()
        refreshTask = nil
        let failures = snapshot.state.failures
        if !failures.isEmpty, previous.map({ $0.state.failures.map(\.message) != failures.map(\.message) }) ?? true {
            for failure in failures { model.record(ActivityItem(kind: .error, text: failure.message)) }
        }
        needsDraw = true
    }

    private func startFix() {
        if model.focus == .backups {
            let source = BackupsPaneSource(state: model.snapshot?.state, policy: model.policy)
            guard let intent = source.intent(at: model.selected(.backups)),
                  let plan = session.localPlanner.plan(intent, ruleID: intent == .etcdSnapshot ? "ETCD-SNAPSHOT" : "DR-DRILL", subject: model.target.name) else {
                model.say("nothing to do on this row", error: true)
                return
            }
            prepare(plan)
            return
        }
        guard model.focus == .findings else {
            model.say("select a finding in the Findings pane (Tab), then press f", error: true)
            return
        }
        guard let finding = model.selectedFinding else { model.say("no finding selected", error: true); return }
        guard finding.verdict == .fail else { model.say("\(finding.rule.id) is not failing; nothing to fix"); return }
        guard let plan = session.plan(for: finding) else {
            model.say("\(finding.rule.id) has no automatic fix — Enter shows what to do by hand")
            return
        }
        prepare(plan)
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
        guard let plan = session.localPlanner.plan(.markDone(ruleID: finding.rule.id, subject: finding.subject),
                                                   ruleID: finding.rule.id, subject: finding.subject) else { return }
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
        guard let plan = session.undoPlan(for: applied) else { model.say("this fix has no inverse", error: true); return }
        prepare(plan)
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
        operationTask = Task { [weak self] in
            let outcome = await session.apply(plan)
            let snapshot = await session.refresh()
            self?.finishApply(plan, outcome, snapshot)
        }
    }

    private func finishApply(_ plan: FixPlan, _ outcome: ApplyOutcome, _ snapshot: Snapshot) {
        model.dialog = nil
        operationTask = nil
        switch outcome {
        case .applied(let cleared, let detail):
            if let original = plan.undoes {
                if let index = model.activity.elements.lastIndex(where: { $0.plan?.id == original }) {
                    model.activity.update(at: index) { $0.undone = true }
                }
                model.record(ActivityItem(kind: .undo, text: "\(plan.title) — \(detail)", plan: nil))
            } else {
                model.record(ActivityItem(kind: .fix, text: "\(plan.title) — \(detail)", plan: plan))
            }
            model.say(cleared ? "\(plan.title): done, \(detail)" : "\(plan.title): applied; \(detail)", error: !cleared)
        case .refused(let reason):
            model.record(ActivityItem(kind: .refused, text: "\(plan.title) refused: \(reason)"))
            model.say("refused: \(reason)", error: true)
        case .failed(let reason):
            model.record(ActivityItem(kind: .error, text: "\(plan.title) failed: \(reason)"))
            model.say("failed: \(reason)", error: true)
        }
        finishRefresh(snapshot)
    }

    private func cancel() {
        if case .confirm(let plan, _, _) = model.dialog {
            session.executor.cancel(plan)
            model.say("cancelled: nothing changed")
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
        if let last = model.lastRefresh, Int(now.timeIntervalSince(last)) != lastDrawnAge {
            lastDrawnAge = Int(now.timeIntervalSince(last))
            needsDraw = true   // "refreshed Ns ago" stays true
        }
        if needsDraw { drawNow() }
    }

    private var lastDrawnAge = -1

    /// True once per alarming event burst; the terminal loop rings the bell.
    public func takeBell() -> Bool {
        defer { bellPending = false }
        return bellPending
    }

    public func drawNow() {
        Renderer.draw(model, on: screen)
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
