import Foundation
import Synchronization
import Testing
@testable import ShipshapeCore
@testable import ShipshapeRunner
@testable import PaneKit
@testable import PlatformKit
@testable import KubernetesRules
@testable import KubernetesPanes
@testable import KubernetesKit
@testable import EtcdRules
@testable import EtcdPanes
@testable import EtcdPlatform
@testable import WorkflowRules
@testable import WorkflowPanes
@testable import WorkflowPlatform
@testable import DeckhouseRules
@testable import DeckhousePanes
@testable import DeckhousePlatform
@testable import Deis1Rules
@testable import Deis1Panes
@testable import Deis1Platform
@testable import SwarmRules
@testable import SwarmPanes
@testable import SwarmPlatform
@testable import ShipshapePlatforms
@testable import Engine
import TestKit

/// The probe's reads and failure messages, with a runner that answers scripted argv.
@Suite struct SwarmProbeTests {
    /// Answers a docker argv (after `--host H`) from a table; anything else fails.
    struct ScriptedRunner: CommandRunner {
        var answers: [@Sendable ([String]) -> Result<String, RunError>?]

        func run(_ command: Command) async throws(RunError) -> CommandOutput {
            let args = Array(command.arguments.dropFirst(2))
            for answer in answers {
                if let result = answer(args) {
                    switch result {
                    case .success(let text): return CommandOutput(text: text)
                    case .failure(let error): throw error
                    }
                }
            }
            throw .nonZeroExit(command: command.displayLine, status: 1, stderr: "unscripted: \(args.joined(separator: " "))")
        }
    }

    static func failing(_ stderr: String) -> ScriptedRunner {
        ScriptedRunner(answers: [{ _ in .failure(.nonZeroExit(command: "docker", status: 1, stderr: stderr)) }])
    }

    static func probe(_ runner: ScriptedRunner, host: String = "unix:///tmp/test-docker.sock") async -> Loaded<SwarmState> {
        await SwarmProbe(runner: runner, target: DockerTarget(host: host)).probe()
    }

    @Test func readsNodesServicesTasksAndImages() async throws {
        let runner = ScriptedRunner(answers: [
            { $0.starts(with: ["node", "ls"]) ? .success(SwarmFixtures.nodeLsLines) : nil },
            { $0.starts(with: ["node", "inspect"]) ? .success(SwarmFixtures.nodeInspect) : nil },
            { $0.starts(with: ["service", "ls"]) ? .success(SwarmFixtures.serviceLsLines) : nil },
            { $0 == ["service", "inspect", "s4bku4p7w4nz", "da7yxqijvuoy"] ? .success(SwarmFixtures.serviceInspect) : nil },
            { $0 == SwarmProbe.taskArguments + ["s4bku4p7w4nz", "da7yxqijvuoy"] ? .success(SwarmFixtures.servicePsLines) : nil },
            // Both nodes are called vm: each is asked for its own tasks.
            { $0 == ["node", "ps", "--no-trunc", "-q", "--filter", "desired-state=running", "o5b5pu8jypmr3550zc70x3vsb"] ? .success("agenttask00000000000000001\n") : nil },
            { $0 == ["node", "ps", "--no-trunc", "-q", "--filter", "desired-state=running", "37vj0kqrsebf576373tp7fxdb"] ? .success("") : nil },
            { $0 == ["image", "inspect", "local/sleeper:1.0", "--format", "{{json .Size}} {{json .Config.Healthcheck}}"]
                ? .success(#"1982256 {"Test":["CMD","/bin/sh","-c","true"],"Interval":5000000000}"# + "\n") : nil },
            { $0.first == "events" ? .success(SwarmFixtures.nodeEventLines) : nil },
            { $0.count > 2 && $0[2].hasPrefix("local/sleeper@sha256:") ? .failure(.nonZeroExit(command: "docker", status: 1, stderr: "Error: No such image: x")) : nil },
        ])
        let state = try #require(await Self.probe(runner).value)
        #expect(state.nodes.count == 2 && state.services.map(\.name) == ["deis-router", "agent"])
        #expect(state.tasks.first { $0.name.hasPrefix("agent.") }?.nodeID == "o5b5pu8jypmr3550zc70x3vsb")
        #expect(state.tasks.first { $0.name == "deis-router.1" }?.nodeID == nil, "hostname mgr matches no node")
        #expect(state.images["local/sleeper:1.0"] == .size(1_982_256))
        #expect(state.imageHealthChecks["local/sleeper:1.0"] == true)
        #expect(state.images.values.contains(.absent))
        #expect(state.nodeEvents.count == 3 && state.nodeEventsError == nil)
    }

    @Test func nodeEventsAreAskedUpToNowAndTheirFailureDarkensOnlyThemselves() async throws {
        let asked = Mutex<[String]>([])
        let runner = ScriptedRunner(answers: [
            { $0.starts(with: ["node", "ls"]) ? .success("") : nil },
            { $0.starts(with: ["service", "ls"]) ? .success("") : nil },
            { args in
                guard args.first == "events" else { return nil }
                asked.withLock { $0 = args }
                return .failure(.nonZeroExit(command: "docker events", status: 1, stderr: "Error response from daemon: permission denied"))
            },
        ])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let state = try #require(await SwarmProbe(runner: runner, target: DockerTarget(host: "unix:///tmp/x.sock"), now: { now }).probe().value)
        #expect(asked.withLock { $0 } == ["events", "--since", "1799308800", "--until", "1800000000.000000000", "--filter", "type=node", "--format", "{{json .}}"])
        #expect(state.nodeEvents.isEmpty && state.nodeEventsError?.contains("permission denied") == true)
    }

    @Test func theSwitchoverNameIsResolvedThroughGetent() async throws {
        struct Resolver: CommandRunner {
            func run(_ command: Command) async throws(RunError) -> CommandOutput {
                if command.executable == "getent" {
                    if command.arguments == ["ahostsv4", "app.example.com"] {
                        return CommandOutput(text: "198.51.100.11   STREAM app.example.com\n198.51.100.11   DGRAM  \n198.51.100.11   RAW    \n")
                    }
                    throw .nonZeroExit(command: "getent", status: 2, stderr: "")
                }
                let args = Array(command.arguments.dropFirst(2))
                return CommandOutput(text: args.first == "events" || args.starts(with: ["node", "ls"]) || args.starts(with: ["service", "ls"]) ? "" : "x")
            }
        }
        func resolve(_ name: String) async -> SwarmDNSAnswer? {
            await SwarmProbe(runner: Resolver(), target: DockerTarget(host: "unix:///tmp/x.sock"), switchoverHostname: name).probe().value?.switchoverDNS
        }
        #expect(await resolve("app.example.com")?.outcome == .addresses(["198.51.100.11"]))
        #expect(await resolve("gone.example.com")?.outcome == .unresolved)
        #expect(await resolve("--help")?.outcome == .failed("not a host name"), "never an option to getent")
        #expect(await resolve("  ") == nil)
    }

    @Test func anEmptySwarmNeedsOnlyTheListsAndTheEvents() async throws {
        let runner = ScriptedRunner(answers: [
            { $0.starts(with: ["node", "ls"]) ? .success("") : nil },
            { $0.starts(with: ["service", "ls"]) ? .success("") : nil },
            { $0.first == "events" ? .success("") : nil },
        ])
        #expect(try #require(await Self.probe(runner).value) == SwarmState())
    }

    @Test func missingSocketSaysDockerdIsNotRunning() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ssd-none-\(UUID().uuidString.prefix(6)).sock").path
        let error = try #require(await Self.probe(Self.failing("Cannot connect to the Docker daemon at unix://\(path). Is the docker daemon running?"),
                                                  host: "unix://\(path)").error)
        #expect(error.kind == .unreachable)
        #expect(error.message.contains("the socket \(path) does not exist — dockerd is not running"))
    }

    @Test func socketWithoutDaemonSaysNothingListens() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ssd-\(UUID().uuidString.prefix(6)).sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        close(fd)
        defer { unlink(path) }
        #expect(bound == 0)
        let error = try #require(await Self.probe(Self.failing("Cannot connect to the Docker daemon at unix://\(path). Is the docker daemon running?"),
                                                  host: "unix://\(path)").error)
        #expect(error.message.contains("the socket exists but nothing listens on it — dockerd stopped or crashed"))
    }

    @Test func daemonOutsideSwarmModeAndWorkerSocket() async throws {
        let inactive = try #require(await Self.probe(Self.failing(
            #"Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again."#)).error)
        #expect(inactive.message.contains("is not in swarm mode — run docker swarm init"))
        let worker = try #require(await Self.probe(Self.failing(
            "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.")).error)
        #expect(worker.message.contains("is a swarm worker"))
    }

    @Test func missingDockerAndGarbageOutput() async throws {
        let missing = try #require(await Self.probe(ScriptedRunner(answers: [{ _ in .failure(.missingBinary("docker")) }])).error)
        #expect(missing.kind == .missingBinary)
        let garbage = try #require(await Self.probe(ScriptedRunner(answers: [{ _ in .success("json\n") }])).error)
        #expect(garbage.kind == .malformed && garbage.message.contains("not the expected JSON"))
    }

    @Test func aServiceRemovedMidReadIsReadAgain() async throws {
        let calls = CallCounter()
        let runner = ScriptedRunner(answers: [
            { $0.starts(with: ["node", "ls"]) ? .success("") : nil },
            { $0.starts(with: ["service", "ls"]) ? .success(calls.next() == 0 ? #"{"ID":"gone"}"# : "") : nil },
            { $0.starts(with: ["service", "inspect"]) ? .failure(.nonZeroExit(command: "docker", status: 1, stderr: "Error: no such service: gone")) : nil },
            { $0.starts(with: ["service", "ps"]) ? .failure(.nonZeroExit(command: "docker", status: 1, stderr: "Error: no such service: gone")) : nil },
            { $0.first == "events" ? .success("") : nil },
        ])
        #expect(await Self.probe(runner).value == SwarmState())
    }
}

/// Counts calls from concurrent reads.
final class CallCounter: Sendable {
    private let count = Mutex(0)
    func next() -> Int { count.withLock { value in defer { value += 1 }; return value } }
}
