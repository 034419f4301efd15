import ArgumentParser
import Foundation
import ShipshapeCore
import Engine

/// The fix flow without a screen: what the console's dialogs show, printed; the
/// same confirmation rules (never without a terminal unless `--yes`).
enum HeadlessSession {
    /// The one cluster a headless change acts on; several or none is refused by name.
    static func make(source: ClusterSource, policy: Policy, auditLog: String?, command: String) async throws -> Session {
        let audit: AuditLog
        do { audit = try AuditLog(path: auditLog ?? AuditLog.defaultPath()) } catch {
            fail("\(error)")
            throw ExitCode(2)
        }
        do {
            return try await source.single(command: command, audit: audit, policy: policy)
        } catch {
            fail("\(error)")
            throw ExitCode(2)
        }
    }

    /// Preview, dry run, confirm, apply, verify. Returns the exit status.
    static func carryOut(_ plan: FixPlan, session: Session, dryRunOnly: Bool, assumeYes: Bool) async -> Int32 {
        print("\(plan.title)")
        print("  target:  \(session.target.label)\(session.target.production ? " (PRODUCTION)" : "")")
        for change in plan.changes { print("  change:  \(change.what): \(change.from) → \(change.to)") }
        for note in plan.notes { print("  note:    \(note)") }
        for command in plan.commands { print("  runs:    \(command.displayLine)") }
        switch await session.dryRun(plan) {
        case .accepted(let answers):
            if plan.dryRunCommands.isEmpty {
                print(plan.commands.isEmpty ? "  local:   recorded on this machine only" : "  checked: live state matches the preview (no server dry run for this tool)")
            } else {
                print("  dry run: accepted" + (answers.isEmpty ? "" : " — " + answers.joined(separator: "; ")))
            }
        case .rejected(let reason):
            fail("the server rejected the dry run: \(reason)")
            return 2
        case .stale(let reason):
            fail("refused: \(reason)")
            return 2
        }
        if dryRunOnly {
            session.executor.cancel(plan, reason: "dry run only")
            return 0
        }
        if !assumeYes {
            guard isatty(STDIN_FILENO) == 1 else {
                session.executor.cancel(plan, reason: "no terminal to confirm and no --yes")
                fail("refusing to apply without confirmation: stdin is not a terminal (pass --yes)")
                return 2
            }
            if plan.risk == .high {
                let name = session.target.confirmationName
                print("High risk. Type the context name (\(name)) to apply: ", terminator: "")
                guard readLine()?.trimmingCharacters(in: .whitespaces) == name else {
                    session.executor.cancel(plan)
                    print("cancelled: nothing changed")
                    return 2
                }
            } else {
                print("Apply? [y/N] ", terminator: "")
                guard readLine()?.lowercased().hasPrefix("y") == true else {
                    session.executor.cancel(plan)
                    print("cancelled: nothing changed")
                    return 2
                }
            }
        }
        switch await session.apply(plan) {
        case .applied(let cleared, let detail):
            print("applied: \(detail) (fix id \(plan.id))")
            return cleared ? 0 : 1
        case .refused(let reason):
            fail("refused: \(reason)")
            return 2
        case .failed(let reason):
            fail("failed: \(reason)")
            return 1
        }
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("shipshape: \(message)\n".utf8))
    }
}
