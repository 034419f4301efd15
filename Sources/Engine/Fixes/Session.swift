import Foundation

/// The engine as the console and the command line use it: refresh, plan a fix for
/// a finding, dry-run, apply, undo. Holds no UI state.
public struct Session: Sendable {
    public let adapter: any PlatformAdapter
    public let ruleEngine: RuleEngine
    public let executor: FixExecutor
    public let records: RecordStore
    public let localPlanner: LocalPlanner

    /// - Parameters:
    ///   - records: the console's records file; defaults to the state directory's.
    ///   - backupDirectory: where etcd snapshots go; defaults to the XDG data directory.
    public init(adapter: any PlatformAdapter, audit: AuditLog, policy: Policy = .default, verifyTimeoutSeconds: Double = 30,
                records: RecordStore? = nil, backupDirectory: String? = nil) {
        let records = records ?? RecordStore(path: (audit.path as NSString).deletingLastPathComponent + "/records.json")
        self.adapter = adapter
        self.records = records
        self.ruleEngine = RuleEngine(rules: RuleSet.rules(for: adapter), policy: policy)
        self.executor = FixExecutor(runner: adapter.runner, audit: audit, target: adapter.target, records: records,
                                    verifyTimeoutSeconds: verifyTimeoutSeconds)
        self.localPlanner = LocalPlanner(target: adapter.target, backupDirectory: backupDirectory ?? LocalPlanner.defaultBackupDirectory())
    }

    public var target: Target { adapter.target }

    public func refresh() async -> Snapshot {
        let clock = ContinuousClock()
        let start = clock.now
        var state = await adapter.probe()
        state.records = Self.loadRecords(records)
        let findings = ruleEngine.evaluate(state)
        let duration = clock.now - start
        // The refresh's buffers are gone now; give their pages back so memory between
        // refreshes stays flat (see MemoryTrim).
        MemoryTrim.releaseFreePages()
        return Snapshot(state: state, findings: findings, duration: duration)
    }

    /// The records as a state section: a broken records file is an error on its pane.
    static func loadRecords(_ store: RecordStore) -> Loaded<ConsoleRecords> {
        do { return .loaded(try store.load()) } catch { return .failed(ProbeError(.malformed, error.description)) }
    }

    public func plan(for finding: Finding) -> FixPlan? {
        guard let intent = finding.fix else { return nil }
        return plan(intent, ruleID: finding.rule.id, subject: finding.subject)
    }

    /// A plan for an intent the operator asked for directly (a key on a pane), under `ruleID`
    /// in the audit log.
    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        localPlanner.plan(intent, ruleID: ruleID, subject: subject) ?? adapter.plan(intent, ruleID: ruleID, subject: subject)
    }

    /// The plan that reverses an applied one, checked against the state it left.
    public func undoPlan(for applied: FixPlan) -> FixPlan? {
        guard let inverse = applied.intent.inverse, var plan = adapter.plan(inverse, ruleID: applied.ruleID, subject: applied.subject) else { return nil }
        plan.undoes = applied.id
        plan.title = "Undo: " + plan.title
        return plan
    }

    public func dryRun(_ plan: FixPlan) async -> DryRunOutcome {
        await executor.dryRun(plan)
    }

    public func apply(_ plan: FixPlan) async -> ApplyOutcome {
        let session = self
        return await executor.apply(plan) {
            let snapshot = await session.refresh()
            return snapshot.findings.contains { $0.rule.id == plan.ruleID && $0.subject == plan.subject && $0.verdict == .fail }
        }
    }
}
