import ArgumentParser
import Engine

/// Builds the Deis v1 adapter from the target flags. Not built yet.
enum Deis1Factory {
    static func makeAdapter(options: TargetOptions, runner: ProcessRunner) throws -> any PlatformAdapter {
        throw ValidationError("platform deis1 is not available yet")
    }
}
