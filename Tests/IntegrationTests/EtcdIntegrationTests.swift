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

/// The etcd side of shipshape against a real 3-member etcd 3.4 cluster on loopback.
@Suite(.serialized)
struct EtcdIntegrationTests {
    /// `etcdctl` simple output, split on etcdctl's ", " separator.
    static func simpleRows(_ runner: ProcessRunner, _ command: Command) async throws -> [[String]] {
        let text = String(decoding: try await runner.run(command).stdout, as: UTF8.self)
        return text.split(separator: "\n").map { $0.components(separatedBy: ", ") }
    }

    @Test("the probe's members, status and health match what etcdctl prints")
    func probeMatchesEtcdctl() async throws {
        let cluster = try await EtcdCluster.start()
        defer { cluster.shutdown() }
        let runner = EtcdCluster.runner()
        let target = EtcdTarget(endpoints: cluster.endpoints)
        let state = try #require(await EtcdProbe(runner: runner, target: target).probe().value)

        // member list, simple format: ID (hex), status, name, peer addrs, client addrs, is learner
        let members = try await Self.simpleRows(runner, target.etcdctl(["member", "list"]))
        #expect(members.count == 3)
        #expect(Set(state.members.map(\.hexID)) == Set(members.map { $0[0] }))
        for row in members {
            let member = try #require(state.members.first { $0.hexID == row[0] })
            #expect(member.name == row[2] && member.peerURLs.joined(separator: ",") == row[3] && member.clientURLs.joined(separator: ",") == row[4])
            #expect(member.isLearner == (row[5] == "true"))
            #expect(UInt64(row[0], radix: 16) == member.id)
        }

        // endpoint status --cluster, simple format: endpoint, ID, version, db size, is leader, is learner, raft term, index, applied, errors
        let statuses = try await Self.simpleRows(runner, target.etcdctl(["endpoint", "status", "--cluster"]))
        #expect(statuses.count == 3)
        for row in statuses {
            let member = try #require(state.members.first { $0.hexID == row[1] })
            let status = try #require(member.status)
            #expect(status.endpoint == row[0] && status.version == row[2])
            #expect(member.isLeader == (row[4] == "true"))
            #expect(String(status.raftTerm) == row[6])
        }
        #expect(state.members.filter(\.isLeader).count == 1)
        #expect(state.members.allSatisfy { $0.health == .healthy })
        #expect(state.quorum.sentence == "3 members, tolerates 1 failure; 0 down, 1 more failure tolerated")
    }

    /// The bare etcd platform (v3) on a real cluster, with a scratch directory for its records.
    static func adapter(_ cluster: EtcdCluster) -> EtcdAdapter {
        let etcd = EtcdTarget(endpoints: cluster.endpoints)
        return EtcdAdapter(target: Target(name: "lab-etcd", platform: .etcd), etcd: etcd, runner: EtcdCluster.runner())
    }

    @Test("a stopped member turns to down, the sentence and ETCD-QUORUM (a warning: quorum holds) follow")
    func stoppedMember() async throws {
        let cluster = try await EtcdCluster.start()
        defer { cluster.shutdown() }
        let adapter = Self.adapter(cluster)
        let engine = RuleEngine(rules: EtcdPlugin().rules)
        let healthy = await adapter.probe()
        #expect(engine.evaluate(healthy).first { $0.rule.id == "ETCD-QUORUM" }?.verdict == .pass)

        cluster.stop("infra2")
        for _ in 0..<2 {   // consecutive refreshes keep working with the member gone
            let clock = ContinuousClock()
            let start = clock.now
            let state = await adapter.probe()
            let elapsed = clock.now - start
            let etcd = try #require(state.etcd.value)
            #expect(etcd.members.count == 3)
            let down = try #require(etcd.members.first { $0.name == "infra2" })
            #expect(down.health.countsAsFailure && !down.answered)
            #expect(etcd.members.filter { $0.name != "infra2" }.allSatisfy { $0.health == .healthy })
            #expect(etcd.quorum.sentence == "3 members, tolerates 1 failure; 1 down, 0 more failures tolerated")
            let quorum = try #require(engine.evaluate(state).first { $0.rule.id == "ETCD-QUORUM" })
            #expect(quorum.verdict == .fail && quorum.severity == .warning && quorum.message.contains("infra2 down"))
            #expect(state.failures.isEmpty)
            #expect(elapsed < .seconds(8), "a refresh with a dead member took \(elapsed)")
        }
    }

    @Test("two of three stopped: quorum lost, critical; membership still shown")
    func quorumLost() async throws {
        let cluster = try await EtcdCluster.start()
        defer { cluster.shutdown() }
        cluster.stop("infra2")
        cluster.stop("infra3")
        let state = await Self.adapter(cluster).probe()
        let etcd = try #require(state.etcd.value)
        #expect(etcd.members.count == 3)
        #expect(etcd.quorum.sentence == "3 members, tolerates 1 failure; 2 down, quorum lost")
        let quorum = try #require(RuleEngine(rules: EtcdPlugin().rules).evaluate(state).first { $0.rule.id == "ETCD-QUORUM" })
        #expect(quorum.verdict == .fail && quorum.severity == .critical && quorum.message.contains("quorum lost"))
    }
}
