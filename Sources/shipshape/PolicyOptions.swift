import ArgumentParser
import ShipshapeCore
import ShipshapePlatforms
import Engine

/// `--policy FILE`: severities, disabled rules, suppressions, thresholds.
struct PolicyOptions: ParsableArguments {
    @Option(help: "Policy file (YAML; default: $XDG_CONFIG_HOME/shipshape/policy.yaml when it exists).")
    var policy: String?

    func load() throws -> Policy {
        do {
            return try PolicyLoader(knownRules: RuleCatalog(plugins: PlatformRegistry.standard.plugins).ids).loadDefault(explicitPath: policy)
        } catch {
            throw CLIError("policy: \(error)")
        }
    }
}
