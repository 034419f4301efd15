import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// One cluster as the console and the command line use it: its platform, its pinned adapter,
/// its rules, and the fix pipeline (plan, dry run, apply, verify, undo). Holds no UI state.
public struct Session: Sendable {
    public let plugin: any PlatformPlugin
    public let adapter: any PlatformAdapter
    public let ruleEngine: RuleEngine
    public let executor: FixExecutor
    public let records: RecordStore
    public let backupDirectory: String
    public let operatorName: String
    /// Set for a cluster of the estate that could not be pinned: why. Nothing runs against it.
    public let unpinnedReason: String?

    /// - Parameters:
    ///   - records: the console's records file; defaults to the one beside the audit log.
    ///   - backupDirectory: where etcd snapshots go; defaults to the XDG data directory.
    public init(plugin: any PlatformPlugin, adapter: any PlatformAdapter, audit: AuditLog, policy: Policy = .default,
                verifyTimeoutSeconds: Double = 30, records: RecordStore? = nil, backupDirectory: String? = nil,
                operatorName: String = LocalPlanner.currentUser(), unpinnedReason: String? = nil) {
        let records = records ?? RecordStore(path: (audit.path as NSString).deletingLastPathComponent + "/records.json")
        self.plugin = plugin
        self.adapter = adapter
        self.records = records
        self.ruleEngine = RuleEngine(rules: plugin.rules, policy: policy)
        self.executor = FixExecutor(runner: adapter.runner, audit: audit, target: adapter.target, records: records,
                                    verifyTimeoutSeconds: verifyTimeoutSeconds)
        self.backupDirectory = backupDirectory ?? LocalPlanner.defaultBackupDirectory()
        self.operatorName = operatorName
        self.unpinnedReason = unpinnedReason
    }

    public var target: Target { adapter.target }

    /// One probe → records → rules, alone (no estate around it): `fix`, and a fix's verification.
    public func refresh() async -> Snapshot {
        await Refresher.refresh(self, others: [])
    }

    /// The records as a state section: a broken records file is an error on its pane.
    static func loadRecords(_ store: RecordStore) -> Loaded<ConsoleRecords> {
        do { return .loaded(try store.load()) } catch { return .failed(ProbeError(.malformed, error.description)) }
    }

    public func request(ruleID: String, subject: String, state: ClusterState?) -> PlanRequest {
        PlanRequest(ruleID: ruleID, subject: subject, state: state, policy: ruleEngine.policy,
                    backupDirectory: backupDirectory, operatorName: operatorName)
    }

    /// The plan for a finding's fix, previewed against `state` (the refresh it came from).
    public func plan(for finding: Finding, state: ClusterState?) -> Result<FixPlan, FixRefusal> {
        guard let intent = finding.fix else { return .failure(FixRefusal("\(finding.rule.id) has no automatic fix")) }
        return plan(intent, ruleID: finding.rule.id, subject: finding.subject, state: state)
    }

    /// A plan for an intent the operator asked for directly (a key on a pane), filed under
    /// `ruleID` in the audit log.
    public func plan(_ intent: FixIntent, ruleID: String, subject: String, state: ClusterState?) -> Result<FixPlan, FixRefusal> {
        FixRouter.plan(intent, adapter: adapter, request: request(ruleID: ruleID, subject: subject, state: state))
    }

    /// The plan that reverses an applied one, checked against the state it left.
    public func undoPlan(for applied: FixPlan, state: ClusterState?) -> Result<FixPlan, FixRefusal> {
        guard let inverse = applied.intent.inverse else { return .failure(FixRefusal("\(applied.title) has no inverse")) }
        return plan(inverse, ruleID: applied.ruleID, subject: applied.subject, state: state).map { plan in
            var plan = plan
            plan.undoes = applied.id
            plan.title = "Undo: " + plan.title
            return plan
        }
    }

    public func dryRun(_ plan: FixPlan) async -> DryRunOutcome {
        await executor.dryRun(plan)
    }

    public func apply(_ plan: FixPlan) async -> ApplyOutcome {
        // Read-only in the estate file is a lock on the cluster, whatever the front end says.
        if target.readOnly { return .refused("\(target.name) is marked readOnly in the estate file") }
        let session = self
        return await executor.apply(plan) {
            let snapshot = await session.refresh()
            return snapshot.findings.contains { $0.rule.id == plan.ruleID && $0.subject == plan.subject && $0.verdict == .fail }
        }
    }
}
