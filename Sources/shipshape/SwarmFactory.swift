import ArgumentParser
import Engine

/// Builds the Docker Swarm adapter from the target flags. Not built yet.
enum SwarmFactory {
    static func makeAdapter(options: TargetOptions, runner: ProcessRunner) throws -> any PlatformAdapter {
        throw ValidationError("platform swarm is not available yet")
    }
}
