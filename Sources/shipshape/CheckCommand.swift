import ArgumentParser
import Foundation
import Engine

/// `shipshape check`: findings as a table or JSON, for scripts and CI.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a cluster once and print the findings.",
        discussion: "Exit status: 0 nothing at or above --fail-on fails; 1 something does; 2 the cluster could not be read. "
            + "With several clusters (--context repeated, --all-contexts, --demo deckhouse) there is one report per cluster "
            + "(a JSON array with --format json) and the worst status wins."
    )

    enum Format: String, ExpressibleByArgument { case table, json, junit, sarif }

    @OptionGroup var target: TargetOptions
    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: "Check a bundled demo scenario instead of a cluster: \(DemoScenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var demo: DemoScenario?

    @Option(help: "Output format: table, json, junit (one test case per rule) or sarif (SARIF 2.1.0).")
    var format: Format = .table

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit status 1: info, warning, error, critical.")
    var failOn: Severity = .error

    @Flag(name: .customLong("exit-zero"), help: "Report only: always exit 0 (the report still says what failed or could not be read).")
    var exitZero = false

    func run() async throws {
        let adapters: [any PlatformAdapter]
        do {
            if let demo {
                adapters = try demo.makeAdapters(latencyMilliseconds: 0)
            } else {
                adapters = try await target.makeAdapters()
            }
        } catch {
            FileHandle.standardError.write(Data("shipshape check: cannot read the cluster: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let policy = try policyOptions.load()
        // Every cluster read at once; each report is the single-cluster report it always was.
        let snapshots = await Workspace.check(adapters, policy: policy, records: RecordStore(path: RecordStore.defaultPath()))
        let reports = CheckReports(snapshots.map {
            CheckReport(snapshot: $0, failOn: failOn, disabledRules: policy.disabledRules)
        })
        let rules = RuleCatalog.infos(for: adapters)
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
