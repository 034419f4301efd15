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

/// The etcd probe against the sandbox etcd (same argv, same JSON as etcdctl 3.4).
@Suite("etcd probe")
struct EtcdProbeTests {
    /// The Deis v1 demo's cluster with its keys moved into the v3 keyspace: this suite tests the v3
    /// reader (the bare etcd platform, Kubernetes' etcd), which reads only v3.
    static let v3Scenario = Deis1Demo.json.replacingOccurrences(of: "\"keys\": {},\n  \"v2Keys\": {", with: "\"keys\": {")

    static func sandbox() throws -> (EtcdSandbox, SandboxRunner, EtcdTarget) {
        let target = EtcdTarget(endpoints: [Deis1Demo.etcdEndpoint])
        let etcd = try EtcdSandbox(scenarioJSON: v3Scenario, pinnedEndpoints: target.endpoints)
        let runner = SandboxRunner(tools: ["etcdctl": etcd], latencyMilliseconds: 0)
        return (etcd, runner, target)
    }

    @Test("every member with its status and health; IDs exact")
    func allUp() async throws {
        let (_, runner, target) = try Self.sandbox()
        let state = try #require(await EtcdProbe(runner: runner, target: target).probe().value)
        #expect(state.members.count == 7)
        #expect(state.members.allSatisfy { $0.health == .healthy && $0.answered })
        #expect(state.clusterID == 17_237_436_991_929_493_444)
        #expect(state.leader?.id == 18_249_187_646_912_138_824)
        #expect(state.members.filter(\.isLeader).count == 1)
        #expect(state.keys == .notProbed)
        #expect(state.quorum.sentence == "7 members, tolerates 3 failures; 0 down, 3 more failures tolerated")
    }

    @Test("a stopped member stays in the list, marked down")
    func memberDown() async throws {
        let (etcd, runner, target) = try Self.sandbox()
        etcd.setDown("9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", true)
        let state = try #require(await EtcdProbe(runner: runner, target: target, keys: Deis1Names.watchedKeys).probe().value)
        #expect(state.members.count == 7)
        let down = try #require(state.members.first { $0.name == "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a" })
        #expect(down.health.countsAsFailure && down.status == nil)
        #expect(down.health.reason?.contains("context deadline exceeded") == true)
        #expect(state.quorum.sentence == "7 members, tolerates 3 failures; 1 down, 2 more failures tolerated")
        #expect(state.keys.value?[Deis1Names.registrationKey] == .value("enabled"))
    }

    @Test("quorum lost: members still listed, the answering ones unhealthy, keys unreadable")
    func quorumLost() async throws {
        let (etcd, runner, target) = try Self.sandbox()
        for name in ["5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a", "8c2d7e4f1a9b4c3d5e6f7a8b9c0d1e2f", "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a"] {
            etcd.setDown(name, true)
        }
        let state = try #require(await EtcdProbe(runner: runner, target: target, keys: Deis1Names.watchedKeys).probe().value)
        #expect(state.quorum.down == 4 && !state.quorum.hasQuorum)
        #expect(state.quorum.sentence.hasSuffix("4 down, quorum lost"))
        let answering = state.members.filter(\.answered)
        #expect(answering.count == 3)
        #expect(answering.allSatisfy { $0.health == .unhealthy("etcdserver: no leader") })
        #expect(state.keys.error?.kind == .unreachable)
    }

    @Test("secret keys are asked with --keys-only: their value never arrives")
    func secretsPresenceOnly() async throws {
        let recorder = ScriptedEtcdRunner(members: true) { command in
            if command.arguments.contains("--keys-only") {
                return CommandOutput(text: #"{"kvs":[{"key":"L2RlaXMvcm91dGVyL3NzbEtleQ=="}],"count":1}"#)
            }
            return CommandOutput(text: #"{"header":{}}"#)
        }
        let probe = EtcdProbe(runner: recorder, target: EtcdTarget(endpoints: ["http://e:2379"]), keys: Deis1Names.watchedKeys)
        let state = try #require(await probe.probe().value)
        #expect(state.keys.value?[Deis1Names.sslKeyKey] == .present)
        #expect(state.keys.value?[Deis1Names.registrationKey] == .absent)
        let keyReads = recorder.commands.filter { $0.arguments.contains(Deis1Names.sslKeyKey) }
        #expect(keyReads.count == 1 && keyReads[0].arguments.contains("--keys-only"))
    }

    @Test("a failed member list fails the section, with etcdctl's own reason")
    func listFails() async {
        let runner = ScriptedEtcdRunner(members: false) { command in
            throw RunError.nonZeroExit(command: command.displayLine, status: 1,
                                       stderr: #"{"level":"warn","msg":"retrying"}"# + "\nError: context deadline exceeded\n")
        }
        let loaded = await EtcdProbe(runner: runner, target: EtcdTarget(endpoints: ["http://e:2379"])).probe()
        #expect(loaded.error?.kind == .unreachable)
        #expect(loaded.error?.message == "etcd members: etcd unreachable — context deadline exceeded")
    }

    @Test("every call is pinned: the cluster's endpoints, or a member's own client URL")
    func pinned() async throws {
        let recorder = ScriptedEtcdRunner(members: true) { _ in CommandOutput(text: #"{"header":{}}"#) }
        let target = EtcdTarget(endpoints: ["https://e:2379"], cacert: "/ca.pem", cert: "/c.pem", key: "/k.pem")
        _ = await EtcdProbe(runner: recorder, target: target, keys: [EtcdKeyRequest("/deis/x")]).probe()
        #expect(!recorder.commands.isEmpty)
        for command in recorder.commands {
            #expect(command.executable == "etcdctl")
            #expect(command.arguments[0] == "--endpoints=https://e:2379" || command.arguments[0] == "--endpoints=http://m1:2379")
            #expect(command.arguments[1...3] == ["--cacert=/ca.pem", "--cert=/c.pem", "--key=/k.pem"])
        }
        let perMember = recorder.commands.filter { $0.arguments[0] == "--endpoints=http://m1:2379" }
        #expect(perMember.count == 2)
        #expect(perMember.allSatisfy { $0.arguments.contains("--command-timeout=2s") && $0.arguments.contains("--dial-timeout=2s") })
    }
}

/// A runner that records every command; with `members: true` it answers `member list`
/// with one member itself and passes everything else to `answer`.
final class ScriptedEtcdRunner: CommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Command] = []
    let answer: @Sendable (Command) throws -> CommandOutput
    let members: Bool

    init(members: Bool, _ answer: @escaping @Sendable (Command) throws -> CommandOutput) {
        self.answer = answer
        self.members = members
    }

    var commands: [Command] { lock.withLock { recorded } }

    func run(_ command: Command) async throws(RunError) -> CommandOutput {
        lock.withLock { recorded.append(command) }
        if members, command.arguments.contains("member") {
            return CommandOutput(text: #"{"members":[{"ID":18249187646912138824,"name":"m1","peerURLs":["http://m1:2380"],"clientURLs":["http://m1:2379"]}]}"#)
        }
        do {
            return try answer(command)
        } catch let error as RunError {
            throw error
        } catch {
            throw .launchFailed(command: command.displayLine, detail: "\(error)")
        }
    }
}

import Foundation
