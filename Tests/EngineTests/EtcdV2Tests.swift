import Foundation
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

/// v2 etcdctl's text formats, as reference/cli-formats.md §1.6–1.7 and the Deis v1 lab's README
/// record them (observed with etcd 3.4.23's v2 etcdctl; older forms from etcd's history).
@Suite("etcd v2 decoder")
struct EtcdV2DecoderTests {
    @Test("member list ≥ 2.3: isLeader, IDs in hex (no zero padding), comma-joined URLs")
    func memberList() throws {
        let text = """
        672eaebe55633545: name=infra2 peerURLs=http://127.0.0.1:40295 clientURLs=http://127.0.0.1:50875 isLeader=false
        96ec782b4fe4935c: name=infra1 peerURLs=http://127.0.0.1:39941 clientURLs=http://127.0.0.1:37787,http://127.0.0.1:4001 isLeader=true
        988139385f78284: name=etcd-server-7-22 peerURLs=https://10.4.7.22:2380 clientURLs= isLeader=false

        """
        let decoded = try EtcdV2Decoder.members(text)
        #expect(decoded.members.map(\.hexID) == ["672eaebe55633545", "96ec782b4fe4935c", "988139385f78284"])
        #expect(decoded.listedLeader == 0x96ec782b4fe4935c)
        #expect(decoded.members[1].clientURLs == ["http://127.0.0.1:37787", "http://127.0.0.1:4001"])
        #expect(decoded.members[2].clientURLs.isEmpty && decoded.members[2].isStarted)
        #expect(decoded.members.allSatisfy { $0.health == .unknown })
    }

    @Test("member list 2.0–2.2 (no isLeader), unstarted members, a name with a space")
    func oldFormats() throws {
        let text = """
        8211f1d0f64f3269: name=infra one peerURLs=http://127.0.0.1:12380 clientURLs=http://127.0.0.1:2379
        e1b7f9d6e4ff0f36[unstarted]: peerURLs=https://192.168.159.6:2380
        """
        let decoded = try EtcdV2Decoder.members(text)
        #expect(decoded.listedLeader == nil)
        #expect(decoded.members[0].name == "infra one" && decoded.members[0].peerURLs == ["http://127.0.0.1:12380"])
        #expect(decoded.members[1].health == .unstarted && !decoded.members[1].isStarted && decoded.members[1].peerURLs == ["https://192.168.159.6:2380"])
        #expect(throws: EtcdV2Decoder.Failure.self) { try EtcdV2Decoder.members("no colon here") }
        #expect(throws: EtcdV2Decoder.Failure.self) { try EtcdV2Decoder.members("zz: name=x") }
    }

    @Test("cluster-health: healthy, one member stopped (degraded, exit 5), quorum lost (unavailable)")
    func clusterHealth() {
        let healthy = EtcdV2Decoder.health("""
            member 672eaebe55633545 is healthy: got healthy result from http://127.0.0.1:50875
            member 96ec782b4fe4935c is healthy: got healthy result from http://127.0.0.1:37787
            cluster is healthy
            """)
        #expect(healthy.cluster == .healthy && healthy.members.values.allSatisfy { $0 == .healthy } && healthy.members.count == 2)
        let degraded = EtcdV2Decoder.health("""
            member 672eaebe55633545 is healthy: got healthy result from http://127.0.0.1:50875
            failed to check the health of member fc77a42fe6fd4e36 on http://127.0.0.1:60037: Get "http://127.0.0.1:60037/health": dial tcp 127.0.0.1:60037: connect: connection refused
            member fc77a42fe6fd4e36 is unreachable: [http://127.0.0.1:60037] are all unreachable
            cluster is degraded
            """)
        #expect(degraded.cluster == .degraded)
        #expect(degraded.members[0xfc77a42fe6fd4e36] == .down("connect: connection refused"))
        let lost = EtcdV2Decoder.health("""
            member 96ec782b4fe4935c is unhealthy: got unhealthy result from http://127.0.0.1:37787
            member e1b7f9d6e4ff0f36 is unreachable: no available published client urls
            cluster is unavailable
            """)
        #expect(lost.cluster == .unavailable)
        #expect(lost.members[0x96ec782b4fe4935c] == .unhealthy("got an unhealthy result from its /health"))
        #expect(lost.members[0xe1b7f9d6e4ff0f36]?.countsAsFailure == true)
        #expect(EtcdV2Decoder.health("cluster is unhealthy\n").cluster == .unhealthy, "etcdctl 2.x's wording")
    }

    @Test("ls --recursive -p: keys only, directories (trailing /) dropped")
    func listing() {
        let keys = EtcdV2Decoder.listing("/deis/router/\n/deis/router/sslKey\n/deis/router/hosts/\n/deis/controller/\n/deis/controller/registrationMode\n")
        #expect(keys == ["/deis/router/sslKey", "/deis/controller/registrationMode"])
    }

    @Test("a v2 state without v3 status: the member list's leader stands, unless cluster-health found no quorum")
    func v2Leadership() {
        let members = [EtcdMember(id: 1, name: "a", peerURLs: [], clientURLs: ["http://a:2379"], health: .healthy),
                       EtcdMember(id: 2, name: "b", peerURLs: [], clientURLs: ["http://b:2379"], health: .healthy),
                       EtcdMember(id: 3, name: "c", peerURLs: [], clientURLs: ["http://c:2379"], health: .healthy)]
        let healthy = EtcdState(members: members, api: .v2, listedLeader: 2, clusterHealth: .healthy)
        #expect(healthy.leader?.name == "b" && healthy.isLeader(members[1]))
        var state = ClusterState(target: Target(name: "t", platform: .deis1))
        state.etcd = .loaded(healthy)
        #expect(EtcdQuorumRule().evaluate(state, policy: .default).map(\.verdict) == [.pass])
        // Two of three stopped: the survivor still lists itself as leader (observed), cluster-health says unavailable.
        var down = members
        down[0].health = .down("connect: connection refused"); down[2].health = .down("connect: connection refused"); down[1].health = .unhealthy("got an unhealthy result from its /health")
        state.etcd = .loaded(EtcdState(members: down, api: .v2, listedLeader: 2, clusterHealth: .unavailable))
        let finding = EtcdQuorumRule().evaluate(state, policy: .default)[0]
        #expect(state.etcd.value?.leader == nil)
        #expect(finding.verdict == .fail && finding.severity == .critical && finding.message.contains("quorum lost"))
    }
}

/// The v2 probe against the etcd sandbox, which answers v2 argv from a store apart from v3.
@Suite("etcd v2 probe")
struct EtcdV2ProbeTests {
    /// Every command a probe sent, with its environment (which decides the API).
    final class CommandLog: CommandRunner, @unchecked Sendable {
        let base: SandboxRunner
        private let lock = NSLock()
        private var sent: [Command] = []
        init(_ base: SandboxRunner) { self.base = base }
        var commands: [Command] { lock.withLock { sent } }
        func run(_ command: Command) async throws(RunError) -> CommandOutput {
            lock.withLock { sent.append(command) }
            return try await base.run(command)
        }
    }

    static func sandbox(_ json: String = Deis1Demo.json) throws -> (EtcdSandbox, CommandLog, EtcdTarget) {
        let target = EtcdTarget(endpoints: [Deis1Demo.etcdEndpoint])
        let etcd = try EtcdSandbox(scenarioJSON: json, pinnedEndpoints: target.endpoints)
        return (etcd, CommandLog(SandboxRunner(tools: ["etcdctl": etcd], latencyMilliseconds: 0)), target)
    }

    @Test("members from v2 member list, health from cluster-health, v3 status where the server has it; keys from the v2 store")
    func allUp() async throws {
        let (_, runner, target) = try Self.sandbox()
        let state = try #require(await EtcdV2Probe(runner: runner, target: target, keys: Deis1Names.watchedKeys, prefix: "/deis").probe().value)
        #expect(state.api == .v2 && state.clusterHealth == .healthy)
        #expect(state.members.count == 7 && state.members.allSatisfy { $0.health == .healthy && $0.answered })
        #expect(state.leader?.id == 18_249_187_646_912_138_824)
        #expect(state.keys.value?[Deis1Names.registrationKey] == .value("enabled"))
        #expect(state.keys.value?[Deis1Names.platformVersionKey] == .value("v1.13.4"))
        #expect(state.keys.value?.listed?.contains("/deis/router/hosts/10.0.1.12") == true)
        let v2Calls = runner.commands.filter { $0.environment["ETCDCTL_API"] == "2" }
        #expect(v2Calls.allSatisfy { $0.arguments.prefix(3) == ["--endpoints", Deis1Demo.etcdEndpoint, "--no-sync"] })
        #expect(v2Calls.contains { $0.arguments.suffix(4) == ["ls", "--recursive", "-p", "/deis"] })
    }

    @Test("secret keys are listed, never read: their value never arrives")
    func secretsPresenceOnly() async throws {
        let json = Deis1Demo.json.replacingOccurrences(of: "\"/deis/router/gzip\": \"on\"", with: "\"/deis/router/gzip\": \"on\", \"/deis/router/sslKey\": \"-----BEGIN PRIVATE KEY-----\", \"/deis/router/sslCert\": \"-----BEGIN CERTIFICATE-----\"")
        let (_, runner, target) = try Self.sandbox(json)
        let state = try #require(await EtcdV2Probe(runner: runner, target: target, keys: Deis1Names.watchedKeys, prefix: "/deis").probe().value)
        #expect(state.keys.value?[Deis1Names.sslKeyKey] == .present && state.keys.value?[Deis1Names.sslCertKey] == .present)
        #expect(!runner.commands.contains { $0.arguments.contains("get") && ($0.arguments.contains(Deis1Names.sslKeyKey) || $0.arguments.contains(Deis1Names.sslCertKey)) })
    }

    @Test("one member stopped: down with the dial error, cluster degraded; keys still read")
    func memberDown() async throws {
        let (etcd, runner, target) = try Self.sandbox()
        etcd.setDown("9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", true)
        let state = try #require(await EtcdV2Probe(runner: runner, target: target, keys: Deis1Names.watchedKeys, prefix: "/deis").probe().value)
        let down = try #require(state.members.first { $0.name == "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a" })
        #expect(down.health == .down("connect: connection refused") && down.status == nil)
        #expect(state.clusterHealth == .degraded && state.quorum.down == 1)
        #expect(state.keys.value?[Deis1Names.registrationKey] == .value("enabled"))
    }

    @Test("a server without the v2 API: the section fails saying so, not 'no keys'")
    func v2Disabled() async throws {
        let (_, runner, target) = try Self.sandbox(Deis1Demo.json.replacingOccurrences(of: "\"keys\": {},", with: "\"keys\": {}, \"v2Enabled\": false,"))
        let loaded = await EtcdV2Probe(runner: runner, target: target, keys: Deis1Names.watchedKeys, prefix: "/deis").probe()
        #expect(loaded.error?.message.contains("does not serve the v2 API (HTTP 404)") == true)
        #expect(loaded.error?.message.contains("--enable-v2") == true)
    }

    @Test("no /deis at all: every key absent, the listing empty")
    func noDeis() async throws {
        let (_, runner, target) = try Self.sandbox(Deis1Demo.json.replacingOccurrences(of: "\"/deis/", with: "\"/other/"))
        let keys = try #require(await EtcdV2Probe(runner: runner, target: target, keys: Deis1Names.watchedKeys, prefix: "/deis").probe().value?.keys.value)
        #expect(keys[Deis1Names.registrationKey] == .absent && keys.listed == [])
    }
}
