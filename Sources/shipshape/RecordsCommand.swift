import ArgumentParser
import Foundation
import ShipshapeCore
import Engine

/// `shipshape records`: the console's own records — list them, or record a restore drill or a
/// backup made elsewhere from a runbook (the same audited flow as the console's `f` on Backups).
struct RecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records", abstract: "List the console's records, or record a restore drill or a backup.",
        subcommands: [List.self, Drill.self, Backup.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the records file as JSON.")

        @Option(help: "Records file (default: records.json in the state directory).")
        var records: String?

        func run() async throws {
            let store = RecordStore(path: records ?? RecordStore.defaultPath())
            do {
                let encoder = JSONEncoder()
                encoder.dateEncodingStrategy = .iso8601
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(try store.load()))
                FileHandle.standardOutput.write(Data("\n".utf8))
            } catch {
                HeadlessSession.fail("\(error)")
                throw ExitCode(2)
            }
        }
    }

    struct Drill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a restore drill was done for the target.")

        @OptionGroup var source: ClusterSource

        @Flag(help: "Record without asking.")
        var yes = false

        @Option(help: "What was restored and how it went.")
        var note: String = "restore drill done"

        @Option(help: "Who did the drill (default: $USER).")
        var by: String?

        @Option(help: "Audit log file (default: $XDG_STATE_HOME/shipshape/audit.jsonl).")
        var auditLog: String?

        func run() async throws {
            let session = try await HeadlessSession.make(source: source, policy: .default, auditLog: auditLog, command: "records drill")
            guard case .success(var plan) = session.plan(.recordDrill, ruleID: "DR-DRILL", subject: session.target.name, state: nil) else {
                throw ExitCode(2)
            }
            let who = by ?? LocalPlanner.currentUser()
            plan.local = .recordDrill(by: Sanitizer.line(who, maxLength: 80), note: Sanitizer.line(note, maxLength: 500))
            plan.changes = [.init(what: "records: restore drill", from: "(none)", to: "done now by \(who): \(note)")]
            throw ExitCode(await HeadlessSession.carryOut(plan, session: session, dryRunOnly: false, assumeYes: yes))
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a backup made outside the console (Deis v1's platform data: who, when, where).")

        @OptionGroup var source: ClusterSource

        @Flag(help: "Record without asking.")
        var yes = false

        @Option(help: "What was backed up, as the platform's rule names it (Deis v1: \"platform data\").")
        var kind: String = "platform data"

        @Option(help: "Where the backup went (a bucket, a host path).")
        var location: String

        @Option(help: "How it was made.")
        var note: String = "backup done"

        @Option(help: "Who made it (default: $USER).")
        var by: String?

        @Option(help: "Audit log file (default: $XDG_STATE_HOME/shipshape/audit.jsonl).")
        var auditLog: String?

        func run() async throws {
            let session = try await HeadlessSession.make(source: source, policy: .default, auditLog: auditLog, command: "records backup")
            let kind = Sanitizer.line(self.kind, maxLength: 80)
            guard case .success(var plan) = session.plan(.recordBackup(kind: kind), ruleID: "BACKUP-RECORD", subject: kind, state: nil) else {
                throw ExitCode(2)
            }
            let who = Sanitizer.line(by ?? LocalPlanner.currentUser(), maxLength: 80)
            let location = Sanitizer.line(self.location, maxLength: 300)
            plan.local = .recordBackup(kind: kind, by: who, location: location, note: Sanitizer.line(note, maxLength: 500))
            plan.changes = [.init(what: "records: \(kind) backup", from: "(none)", to: "done now by \(who), to \(location)")]
            throw ExitCode(await HeadlessSession.carryOut(plan, session: session, dryRunOnly: false, assumeYes: yes))
        }
    }
}
