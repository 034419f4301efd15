import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import SwarmRules
import SwarmPanes

/// Docker Swarm as MedStack Control runs it (seed 003). Found from `DOCKER_HOST`, or the
/// local socket when its daemon is a swarm manager; pinned with `--host` on every call.
public struct SwarmPlugin: PlatformPlugin {
    public init() {}

    public var id: PlatformID { .swarm }
    public var rules: [any Rule] { SwarmRuleList.all }
    public var panes: [PaneSpec] { SwarmPaneSpecs.all }
    public var discoveryHelp: String {
        "$DOCKER_HOST (with $DOCKER_TLS_VERIFY, $DOCKER_CERT_PATH), else the local socket when its daemon is a swarm manager; --docker-host"
    }

    public func accepts(_ request: TargetRequest) -> Bool { request.docker != nil && request.kube == nil }
    public var detectionRank: Int { 40 }

    /// A swarm manager answers `docker info` with `Swarm.ControlAvailable` true; a worker or a
    /// daemon outside any swarm cannot be read as a swarm.
    public func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection {
        guard let docker = try? DockerHostResolver.resolve(flag: request.docker?.host, tlsVerify: request.docker?.tlsVerify ?? false,
                                                          certPath: request.docker?.certPath, environment: [:]) else {
            return .rejected("no usable docker host")
        }
        return await Self.managerAnswer(docker, runner: runner)
    }

    static func managerAnswer(_ docker: DockerTarget, runner: any CommandRunner) async -> Detection {
        let command = docker.docker(["info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"], timeoutSeconds: 5)
        do {
            let text = try await runner.run(command).text(for: command).trimmingCharacters(in: .whitespacesAndNewlines)
            if text == "active true" { return .confirmed("\(docker.host) is a swarm manager") }
            if text.hasPrefix("active") { return .rejected("\(docker.host) is a swarm worker; point at a manager") }
            return .rejected("\(docker.host) is not in a swarm (\(text))")
        } catch {
            return .rejected("\(docker.host) does not answer: \(ProbeError.from(error, what: "docker info").message)")
        }
    }

    public func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest] {
        let docker = TargetRequest.Docker(host: environment["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 },
                                          tlsVerify: !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty,
                                          certPath: environment["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : $0 })
        if docker.host != nil { return [TargetRequest(origin: .environment("DOCKER_HOST"), docker: docker)] }
        // No variable: the local daemon counts only when it is a swarm manager (a laptop's
        // Docker Desktop is not an estate).
        let local = DockerTarget(host: DockerHostResolver.defaultHost)
        guard FileManager.default.fileExists(atPath: String(local.host.dropFirst("unix://".count))),
              case .confirmed = await Self.managerAnswer(local, runner: runner) else { return [] }
        return [TargetRequest(origin: .environment("the local docker socket (a swarm manager)"), docker: TargetRequest.Docker(host: local.host))]
    }

    public func pin(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> Target {
        let wanted = request.docker ?? TargetRequest.Docker()
        let docker = try DockerHostResolver.resolve(flag: wanted.host, tlsVerify: wanted.tlsVerify, certPath: wanted.certPath, environment: environment)
        return Target(name: request.name ?? docker.host, platform: .swarm, docker: docker,
                      production: request.production, readOnly: request.readOnly, labels: request.labels)
    }

    public func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter {
        SwarmAdapter(target: target, docker: target.docker ?? DockerTarget(host: DockerHostResolver.defaultHost), runner: runner)
    }

    public var demoStates: [String] { [SwarmDemo.json] }

    public func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter] {
        [try SwarmDemo.makeAdapter(latencyMilliseconds: latencyMilliseconds)]
    }

    public func events(from old: ClusterState, to new: ClusterState, at time: Date) -> [WatchEvent] {
        SwarmEvents.events(old, new, WatchEvent.maker(for: new, at: time))
    }

    public func watchSources(for adapter: any PlatformAdapter, interval: Double) -> [any WatchSource] {
        guard let docker = adapter.target.docker else { return [] }
        return SwarmWatchSources.sources(docker: docker, runner: adapter.runner, interval: interval)
    }

    /// Manager quorum is Raft's: a majority of managers reachable.
    public func boardFacts(_ cluster: ClusterView) -> BoardFacts {
        var facts = BoardFacts()
        guard let swarm = cluster.state?.swarm.value else { return facts }
        facts.nodesTotal = swarm.nodes.count
        facts.nodesReady = swarm.nodes.filter(\.takesTasks).count
        let managers = swarm.managers
        let reachable = managers.filter { $0.reachability == "reachable" || $0.isLeader }.count
        let tolerates = max((managers.count - 1) / 2 - (managers.count - reachable), 0)
        facts.quorum = managers.isEmpty ? nil : "\(reachable)/\(managers.count) mgr, tolerates \(tolerates)"
        facts.quorumHealthy = reachable * 2 > managers.count && managers.count % 2 == 1
        return facts
    }
}
