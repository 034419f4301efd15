import ArgumentParser
import Foundation
import ShipshapeCore
import Engine

/// `shipshape undo [FIX-ID]`: reverts a fix recorded in the audit log, through the
/// same preview, dry run, confirmation and verification.
struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo a fix recorded in the audit log (default: the latest one not yet undone).",
        discussion: "The target flags must name the cluster the fix was applied to; shipshape refuses otherwise."
    )

    @Argument(help: "The fix id (or a prefix of it) from the audit log.")
    var fixID: String?

    @Flag(help: "Apply without asking (needed when stdin is not a terminal).")
    var yes = false

    @Flag(name: .customLong("dry-run"), help: "Preview and server dry run only; change nothing.")
    var dryRun = false

    @OptionGroup var source: ClusterSource

    @Option(help: "Audit log file (default: $XDG_STATE_HOME/shipshape/audit.jsonl).")
    var auditLog: String?

    func run() async throws {
        let path = auditLog ?? AuditLog.defaultPath()
        let entries: [AuditEntry]
        do { entries = try AuditLog.read(path: path) } catch {
            HeadlessSession.fail("cannot read the audit log \(path): \(error)")
            throw ExitCode(2)
        }
        guard let applied = UndoSelection.pick(fixID, in: entries) else {
            HeadlessSession.fail(fixID.map { "no applied fix \($0) that is not undone yet in \(path)" } ?? "nothing to undo in \(path)")
            throw ExitCode(2)
        }
        let session = try await HeadlessSession.make(source: source, policy: .default, auditLog: path, command: "undo")
        let entry = entries.first { $0.fixID == applied.id }
        if let context = entry?.context, context != session.target.kube?.context {
            HeadlessSession.fail("fix \(applied.id.prefix(8)) was applied to context \(context); run with --context \(context)")
            throw ExitCode(2)
        }
        if let cluster = entry?.target, cluster != session.target.name {
            HeadlessSession.fail("fix \(applied.id.prefix(8)) was applied to \(cluster), not \(session.target.name); run with --cluster \(cluster)")
            throw ExitCode(2)
        }
        let state = await session.refresh().state
        let plan: FixPlan
        switch session.undoPlan(for: applied, state: state) {
        case .success(let planned): plan = planned
        case .failure(let refusal):
            HeadlessSession.fail(refusal.reason)
            throw ExitCode(2)
        }
        throw ExitCode(await HeadlessSession.carryOut(plan, session: session, dryRunOnly: dryRun, assumeYes: yes))
    }
}

/// Finds the applied, not yet undone fix an undo refers to.
enum UndoSelection {
    static func pick(_ id: String?, in entries: [AuditEntry]) -> FixPlan? {
        let applied = Set(entries.filter { $0.step == .applied }.map(\.fixID))
        // An original is undone once an undo plan naming it reached its `undo` step.
        let undone = Set(entries.compactMap { entry -> String? in
            guard entry.step == .planned, let original = entry.plan?.undoes else { return nil }
            return entries.contains { $0.fixID == entry.fixID && $0.step == .undo } ? original : nil
        })
        let plans = entries.compactMap { $0.step == .planned ? $0.plan : nil }
            .filter { applied.contains($0.id) && !undone.contains($0.id) && $0.undoes == nil }
        if let id { return plans.last { $0.id.lowercased().hasPrefix(id.lowercased()) } }
        return plans.last
    }
}
