import ArgumentParser
import Engine

/// Where a headless command gets its cluster: a live target from the flags, or a
/// bundled demo scenario with `--demo`.
struct AdapterSource: ParsableArguments {
    @OptionGroup var target: TargetOptions

    @Option(help: "Use a bundled demo scenario instead of a cluster: \(DemoScenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var demo: DemoScenario?

    func makeAdapter() async throws -> any PlatformAdapter {
        if let demo { return try demo.makeAdapter(latencyMilliseconds: 0) }
        return try await target.makeAdapter()
    }
}
