import ArgumentParser
import Engine

/// Builds the Docker Swarm adapter from the target flags: the daemon (and its TLS files) is
/// pinned from `--docker-host` or `DOCKER_HOST` once, here, and every docker call carries it.
enum SwarmFactory {
    static func makeAdapter(options: TargetOptions, runner: ProcessRunner) throws -> any PlatformAdapter {
        let docker: DockerTarget
        do {
            docker = try DockerHostResolver.resolve(flag: options.dockerHost, tlsVerify: options.dockerTLSVerify, certPath: options.dockerCertPath)
        } catch {
            throw ValidationError(error.description)
        }
        let target = Target(name: docker.host, platform: .swarm, docker: docker, production: options.production)
        return SwarmAdapter(target: target, docker: docker, runner: runner)
    }
}
