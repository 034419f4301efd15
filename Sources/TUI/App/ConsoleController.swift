import Foundation
import Engine

/// Runs the console: turns keys into actions, starts engine work off the main
/// actor, folds results back into the model and redraws. Knows nothing about
/// curses — tests drive it with a `GridScreen`. With several clusters (a `Workspace`),
/// keys act on the current one; refreshes read them all.
@MainActor
public final class ConsoleController {
    public private(set) var model: AppModel
    public let workspace: Workspace
    /// The current cluster's session: fixes and undos run through it.
    public var session: Session { workspace.sessions[model.current] }
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

    public convenience init(session: Session, screen: any Screen, readOnly: Bool, autoRefreshSeconds: Double? = 15,
                            watchInterval: Double = 5, watching: Bool = false) {
        self.init(workspace: Workspace(session: session), screen: screen, readOnly: readOnly, autoRefreshSeconds: autoRefreshSeconds,
                  watchInterval: watchInterval, watching: watching)
    }

    public init(workspace: Workspace, screen: any Screen, readOnly: Bool, autoRefreshSeconds: Double? = 15,
                watchInterval: Double = 5, watching: Bool = false) {
        self.workspace = workspace
        self.screen = screen
        self.model = AppModel(targets: workspace.targets, readOnly: readOnly)
        self.model.policy = workspace.sessions.first?.ruleEngine.policy ?? .default
        self.model.schedule = WatchSchedule(interval: watchInterval)
        self.model.watching = watching
        self.autoRefreshSeconds = autoRefreshSeconds
    }

    /// First paint happens before any probe answers.
    public func start() {
        for target in workspace.targets {
            model.record(ActivityItem(kind: .info, text: "pinned \(target.label)\(model.readOnly ? " (read-only)" : "")"))
        }
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
            } else if case .windowForm(var form) = model.dialog {
                form.type(character)
                model.dialog = .windowForm(form)
            }
        case .erase:
            if case .confirm(let plan, let dryRun, let typed) = model.dialog {
                model.dialog = .confirm(plan: plan, dryRun: dryRun, typed: String(typed.dropLast()))
            } else if case .windowForm(var form) = model.dialog {
                form.erase()
                model.dialog = .windowForm(form)
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
        }
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
    func openWindowForm(proposal: DeckhouseWindowSpec?) {
        guard model.target.platform == .deckhouse else {
            model.say("update windows are a Deckhouse setting; \(model.target.name) is \(model.target.platform.displayName)", error: true)
            return
        }
        guard model.snapshot?.state.deckhouse.value?.settings.value != nil else {
            model.say("the update settings of \(model.target.name) are not read yet (r refreshes)", error: true)
            return
        }
        let spec = proposal ?? session.ruleEngine.policy.deckhouseProposedWindow
        model.dialog = .windowForm(WindowForm(cluster: model.current, proposal: spec))
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
            guard let state = model.snapshot?.state else { return }
            do {
                prepare(try session.planAddUpdateWindow(window, from: state))
            } catch {
                form.error = error.description
                model.dialog = .windowForm(form)
            }
        }
    }

    /// Starts a refresh unless one is running: refreshes never overlap.
    public func refresh() {
        guard refreshTask == nil else { return }
        model.refreshing = true
        needsDraw = true
        let workspace = self.workspace
        refreshTask = Task { [weak self] in
            let snapshots = await workspace.refreshAll()
            self?.finishRefresh(snapshots)
        }
    }

    private func finishRefresh(_ snapshots: [Snapshot]) {
        model.schedule.record(success: snapshots.allSatisfy { $0.state.failures.isEmpty })
        var alarming = false
        for (index, snapshot) in snapshots.enumerated() where model.clusters.indices.contains(index) {
            let previous = model.clusters[index].snapshot
            model.clusters[index].snapshot = snapshot
            let prefix = model.isMultiCluster ? "\(snapshot.state.target.name): " : ""
            let failures = snapshot.state.failures
            if !failures.isEmpty, previous.map({ $0.state.failures.map(\.message) != failures.map(\.message) }) ?? true {
                for failure in failures { model.record(ActivityItem(kind: .error, text: prefix + failure.message)) }
            }
            // Watch events: what changed since this cluster's previous refresh.
            guard let previous else { continue }
            for event in StateDiffer.events(from: previous, to: snapshot) where event.kind != .probeFailed {
                model.record(ActivityItem(time: event.time, kind: event.isAlarming ? .alarm : .event,
                                          text: "\(prefix)\(event.subject): \(event.text)"))
                alarming = alarming || event.isAlarming
            }
        }
        if bellOnAlarm, alarming { bellPending = true }
        // The previous snapshots were freed just now, after the workspace's own trim: give
        // their pages back too, or the console holds two states' worth between refreshes.
        MemoryTrim.releaseFreePages()
        model.refreshing = false
        model.lastRefresh = Date()
        refreshTask = nil
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
        if model.focus == .nodes, model.target.platform == .swarm {
            startNodeAvailability()
            return
        }
        guard model.focus == .findings else {
            model.say("select a finding in the Findings pane (Tab), then press f", error: true)
            return
        }
        guard let row = model.selectedFindingRow else { model.say("no finding selected", error: true); return }
        let finding = row.finding
        guard finding.verdict == .fail else { model.say("\(finding.rule.id) is not failing; nothing to fix"); return }
        // A fix runs on the finding's own cluster, which becomes current so the header,
        // the confirmation and the typed context name all name it.
        switchCluster(to: row.cluster)
        if case .deckhouseAddWindow(let proposal, _)? = finding.fix {
            openWindowForm(proposal: proposal)
            return
        }
        guard let plan = session.plan(for: finding) else {
            model.say("\(finding.rule.id) has no automatic fix — Enter shows what to do by hand")
            return
        }
        prepare(plan)
    }

    /// `f` on a Swarm node: drain it, or make it active again.
    private func startNodeAvailability() {
        let source = SwarmNodesPaneSource(swarm: model.snapshot?.state.swarm)
        let index = model.selected(.nodes)
        guard let intent = source.availabilityIntent(at: index) else { model.say("no node selected", error: true); return }
        // Not a rule: the operator's own action, filed in the audit log under this name.
        guard let plan = session.plan(intent, ruleID: Self.nodeActionID, subject: source.list[index].hostname) else {
            model.say("this node cannot be changed from here", error: true)
            return
        }
        prepare(plan)
    }

    static let nodeActionID = "SWARM-NODE-AVAILABILITY"

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
        if let name = items[index].cluster, let cluster = model.clusters.firstIndex(where: { $0.target.name == name }) {
            switchCluster(to: cluster)
        }
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
        if case .confirm(let plan, _, _) = model.dialog {
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
