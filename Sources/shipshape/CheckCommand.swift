import ArgumentParser
import Foundation
import ShipshapeCore
import Engine

/// `shipshape check`: findings as a table or JSON, for scripts and CI.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a cluster once and print the findings.",
        discussion: "Exit status: 0 nothing at or above --fail-on fails; 1 something does; 2 the cluster could not be read. "
            + "With several clusters (an estate file, --context repeated, --all-contexts, --demo estate) there is one report per cluster "
            + "(a JSON array with --format json, one SARIF run per cluster) and the worst status wins."
    )

    enum Format: String, ExpressibleByArgument { case table, json, junit, sarif }

    @OptionGroup var source: ClusterSource
    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: "Output format: table, json, junit (one test case per rule) or sarif (SARIF 2.1.0).")
    var format: Format = .table

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit status 1: info, warning, error, critical.")
    var failOn: Severity = .error

    @Flag(name: .customLong("exit-zero"), help: "Report only: always exit 0 (the report still says what failed or could not be read).")
    var exitZero = false

    func run() async throws {
        let policy = try policyOptions.load()
        let workspace: Workspace
        do {
            // `check` writes nothing: its sessions' audit log is a scratch one it never touches.
            let audit = try AuditLog(path: FileManager.default.temporaryDirectory.appendingPathComponent("shipshape-check-\(getpid()).jsonl").path)
            let (sessions, parallel) = try await source.sessions(audit: audit, policy: policy)
            workspace = Workspace(sessions: sessions, parallel: parallel)
        } catch {
            FileHandle.standardError.write(Data("shipshape check: cannot read the cluster: \(error)\n".utf8))
            throw ExitCode(2)
        }
        // Every cluster read at once (bounded); each report is the single-cluster report it always was.
        let snapshots = await workspace.refreshAll()
        let reports = CheckReports(snapshots.map {
            CheckReport(snapshot: $0, failOn: failOn, disabledRules: policy.disabledRules)
        })
        let rules = workspace.sessions.map { $0.ruleEngine.rules.map(\.info) }
        switch format {
        case .table: print(reports.table())
        case .json: print(reports.json())
        case .junit: print(JUnitReport(reports: reports.reports, rules: rules).xml(), terminator: "")
        case .sarif: print(SarifReport(reports: reports.reports, rules: rules).json())
        }
        for report in reports.reports {
            let prefix = reports.reports.count > 1 ? "\(report.target.name): " : ""
            for error in report.probeErrors {
                FileHandle.standardError.write(Data("shipshape check: \(prefix)could not read \(error.message)\n".utf8))
            }
        }
        throw ExitCode(exitZero ? 0 : reports.exitStatus)
    }
}
