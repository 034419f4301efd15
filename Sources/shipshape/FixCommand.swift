import ArgumentParser
import Foundation
import ShipshapeCore
import Engine

/// `shipshape fix RULE-ID`: the console's fix flow for runbooks — preview, server dry
/// run, confirmation (or `--yes`), apply, verify, audit log.
struct FixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Fix one failing finding without the console.",
        discussion: "Exit status: 0 the finding cleared (or the dry run was accepted with --dry-run); 1 the fix ran but the finding did not clear, or it failed; 2 nothing was changed (no such finding, refused, cancelled, cluster unreadable)."
    )

    @Argument(help: "Rule id, e.g. WF-ROUTER-SCALE.")
    var ruleID: String

    @Option(help: "The finding's subject when the rule fails for several (e.g. deis/deis-router).")
    var object: String?

    @Flag(name: .customLong("dry-run"), help: "Preview and server dry run only; change nothing.")
    var dryRun = false

    @Flag(help: "Apply without asking (needed when stdin is not a terminal).")
    var yes = false

    @OptionGroup var source: ClusterSource
    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: "Audit log file (default: $XDG_STATE_HOME/shipshape/audit.jsonl).")
    var auditLog: String?

    func run() async throws {
        let session = try await HeadlessSession.make(source: source, policy: try policyOptions.load(), auditLog: auditLog, command: "fix")
        let snapshot = await session.refresh()
        let candidates = snapshot.findings.filter { $0.rule.id == ruleID && $0.verdict == .fail && (object == nil || $0.subject == object) }
        guard !candidates.isEmpty else {
            let states = snapshot.findings.filter { $0.rule.id == ruleID }.map { "\($0.subject): \($0.verdict.rawValue)" }
            HeadlessSession.fail("no failing \(ruleID) finding\(object.map { " on \($0)" } ?? "")"
                                 + (states.isEmpty ? "" : " (\(states.joined(separator: "; ")))"))
            throw ExitCode(2)
        }
        guard candidates.count == 1 else {
            HeadlessSession.fail("\(ruleID) fails on several objects; pick one with --object: \(candidates.map(\.subject).joined(separator: ", "))")
            throw ExitCode(2)
        }
        guard candidates[0].fix != nil else {
            HeadlessSession.fail("\(ruleID) has no automatic fix: \(candidates[0].rule.rationale)")
            throw ExitCode(2)
        }
        let plan: FixPlan
        switch session.plan(for: candidates[0], state: snapshot.state) {
        case .success(let planned): plan = planned
        case .failure(let refusal):
            HeadlessSession.fail("refused: \(refusal.reason)")
            throw ExitCode(2)
        }
        let status = await HeadlessSession.carryOut(plan, session: session, dryRunOnly: dryRun, assumeYes: yes)
        throw ExitCode(status)
    }
}
