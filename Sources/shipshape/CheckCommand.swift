import ArgumentParser
import Foundation
import Engine

/// `shipshape check`: findings as a table or JSON, for scripts and CI.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a cluster once and print the findings.",
        discussion: "Exit status: 0 nothing at or above --fail-on fails; 1 something does; 2 the cluster could not be read."
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
        let adapter: any PlatformAdapter
        do {
            if let demo {
                adapter = try demo.makeAdapter(latencyMilliseconds: 0)
            } else {
                adapter = try await target.makeAdapter()
            }
        } catch {
            FileHandle.standardError.write(Data("shipshape check: cannot read the cluster: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let policy = try policyOptions.load()
        var state = await adapter.probe()
        state.records = .loaded((try? RecordStore(path: RecordStore.defaultPath()).load()) ?? ConsoleRecords())
        let findings = RuleEngine(rules: RuleSet.rules(for: adapter), policy: policy).evaluate(state)
        let report = CheckReport(snapshot: Snapshot(state: state, findings: findings, duration: .zero), failOn: failOn,
                                 disabledRules: policy.disabledRules)
        let rules = RuleSet.rules(for: adapter).map(\.info)
        switch format {
        case .table: print(report.table())
        case .json: print(report.json())
        case .junit: print(JUnitReport(reports: [report], rules: rules).xml(), terminator: "")
        case .sarif: print(SarifReport(reports: [report], rules: rules).json())
        }
        for error in report.probeErrors {
            FileHandle.standardError.write(Data("shipshape check: could not read \(error.message)\n".utf8))
        }
        throw ExitCode(exitZero ? 0 : report.exitStatus)
    }
}
