import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Carries a plan through dry run, precondition check, run and verification,
/// writing every step to the audit log before moving on.
public struct FixExecutor: Sendable {
    public var runner: any CommandRunner
    public var audit: AuditLog
    public var target: Target
    /// How long to keep re-reading after the commands ran, waiting for the new state.
    public var verifyTimeoutSeconds: Double
    public var verifyIntervalSeconds: Double
    /// Where local actions (kept snapshots, drills) are recorded.
    public var records: RecordStore?

    public init(runner: any CommandRunner, audit: AuditLog, target: Target, records: RecordStore? = nil,
                verifyTimeoutSeconds: Double = 30, verifyIntervalSeconds: Double = 1) {
        self.runner = runner
        self.audit = audit
        self.target = target
        self.records = records
        self.verifyTimeoutSeconds = verifyTimeoutSeconds
        self.verifyIntervalSeconds = verifyIntervalSeconds
    }

    /// A dry run's answer as the dialog shows it: one line per line of output (a drain's
    /// preview lists one task per line), sanitised, at most `answerLineLimit` of them.
    static func answerLines(_ text: String) -> [String] {
        let lines = text.split(whereSeparator: \.isNewline).map { Sanitizer.line(String($0)) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard lines.count > answerLineLimit else { return lines }
        return Array(lines.prefix(answerLineLimit)) + ["… and \(lines.count - answerLineLimit) more"]
    }

    static let answerLineLimit = 12

    /// Records the plan, checks its preconditions and asks the server to dry-run it.
    public func dryRun(_ plan: FixPlan) async -> DryRunOutcome {
        log(plan, .planned, ok: true, detail: plan.title, includePlan: true)
        if let stale = await firstMismatch(plan.preconditions) {
            log(plan, .refused, ok: false, detail: stale)
            return .stale(stale)
        }
        var answers: [String] = []
        for command in plan.dryRunCommands {
            do {
                let output = try await runner.run(command)
                let text = (try? output.text(for: command)) ?? ""
                let shown = Self.answerLines(text)
                answers += shown
                log(plan, .dryRun, ok: true, command: command, detail: shown.joined(separator: "; "))
            } catch {
                log(plan, .dryRun, ok: false, command: command, detail: error.description)
                return .rejected(error.description)
            }
        }
        return .accepted(answers)
    }

    public func cancel(_ plan: FixPlan, reason: String = "operator cancelled") {
        log(plan, .cancelled, ok: true, detail: reason)
    }

    /// Runs a confirmed plan. `findingStillFails` re-probes and says whether the
    /// plan's finding still fails; it is polled until it clears or time runs out.
    public func apply(_ plan: FixPlan, findingStillFails: @Sendable () async -> Bool) async -> ApplyOutcome {
        log(plan, .confirmed, ok: true, detail: plan.commands.map(\.displayLine).joined(separator: " ; "))
        if let stale = await firstMismatch(plan.preconditions) {
            log(plan, .refused, ok: false, detail: stale)
            return .refused(stale)
        }
        if let error = log(plan, .precondition, ok: true, detail: "live state matches the preview") {
            return .refused("no fix runs without an audit record: \(error)")
        }
        for folder in plan.local?.folders ?? [] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                log(plan, .failed, ok: false, detail: "cannot create \(folder): \(error)")
                return .failed("cannot create \(folder): \(error)")
            }
        }
        for command in plan.commands {
            do {
                let output = try await runner.run(command)
                let text = (try? output.text(for: command)) ?? ""
                log(plan, .run, ok: true, command: command, detail: text.trimmingCharacters(in: .whitespacesAndNewlines))
            } catch {
                log(plan, .failed, ok: false, command: command, detail: error.description)
                removeLeftovers(of: plan)
                return .failed(error.description)
            }
        }
        if let local = plan.local {
            guard let records else {
                removeLeftovers(of: plan)
                log(plan, .failed, ok: false, detail: "no records file configured")
                return .failed("no records file configured")
            }
            do {
                let detail = try await LocalActionRunner(runner: runner, records: records, target: target).perform(local)
                log(plan, .run, ok: true, detail: detail)
            } catch {
                removeLeftovers(of: plan)
                log(plan, .failed, ok: false, detail: error.description)
                return .failed(error.description)
            }
        }
        return await verify(plan, findingStillFails: findingStillFails)
    }

    func verify(_ plan: FixPlan, findingStillFails: @Sendable () async -> Bool) async -> ApplyOutcome {
        let deadline = Date().addingTimeInterval(verifyTimeoutSeconds)
        var mismatch = await firstMismatch(plan.postconditions)
        while mismatch != nil, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(Int(verifyIntervalSeconds * 1000)))
            mismatch = await firstMismatch(plan.postconditions)
        }
        if let mismatch {
            log(plan, .verify, ok: false, detail: mismatch)
            return .failed("ran, but the change did not read back: \(mismatch)")
        }
        // An undo brings the finding back on purpose; only forward fixes must clear it.
        var stillFails = plan.undoes == nil ? await findingStillFails() : false
        while stillFails, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(Int(verifyIntervalSeconds * 1000)))
            stillFails = await findingStillFails()
        }
        let detail: String
        if stillFails { detail = "change read back, but \(plan.ruleID) still fails" }
        else if plan.undoes != nil { detail = "restored" }
        else if plan.commands.isEmpty { detail = "recorded" }
        else { detail = plan.local == nil ? "\(plan.ruleID) cleared" : "done" }
        log(plan, .verify, ok: !stillFails, detail: detail)
        log(plan, plan.undoes == nil ? .applied : .undo, ok: true, detail: plan.title)
        return .applied(findingCleared: !stillFails, detail: detail)
    }

    private func removeLeftovers(of plan: FixPlan) {
        for path in plan.local?.leftovers ?? [] { unlink(path) }
    }

    /// The first check whose live value differs from what it expects, as a sentence.
    func firstMismatch(_ checks: [StateCheck]) async -> String? {
        for check in checks {
            do {
                let output = try await runner.run(check.command)
                let actual: String?
                if check.jsonPath.isEmpty {
                    let text = (String(validating: output.stdout, as: UTF8.self) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    actual = text.isEmpty ? nil : text
                } else {
                    do { actual = try JSONPathReader.value(in: output.stdout, at: check.jsonPath) } catch {
                        return "could not read \(check.description): output is not JSON"
                    }
                }
                if actual != check.expected {
                    return "changed since preview: expected \(check.description), found \(actual.map { Sanitizer.line($0, maxLength: 60) } ?? "unset")"
                }
            } catch {
                // A read that fails exactly as the tool says "absent" (v2 etcdctl's exit 4 "Key not found").
                if case .nonZeroExit(_, let status, let stderr) = error, check.absentWhen?.matches(status: status, stderr: stderr) == true {
                    if check.expected != nil {
                        return "changed since preview: expected \(check.description), found unset"
                    }
                    continue
                }
                return "could not check \(check.description): \(error.description)"
            }
        }
        return nil
    }

    /// Returns the write error, if any. Only the entry before the first mutating
    /// command is allowed to stop a fix; later ones must not leave it half-done.
    @discardableResult
    private func log(_ plan: FixPlan, _ step: AuditEntry.Step, ok: Bool, command: Command? = nil, detail: String, includePlan: Bool = false) -> AuditLogError? {
        do {
            try audit.append(AuditEntry(target: target, plan: plan, step: step, ok: ok, command: command, detail: detail, includePlan: includePlan))
            return nil
        } catch {
            return error
        }
    }
}
