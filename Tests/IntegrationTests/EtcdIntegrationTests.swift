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

    @Test("a stopped member turns to down, the sentence and ETCD-QUORUM follow, the rest keeps loading")
    func stoppedMember() async throws {
        let lab = try await EtcdDeis1Lab.start(keys: [Deis1Names.registrationKey: "enabled"])
        defer { lab.shutdown() }
        let engine = RuleEngine(rules: lab.adapter.rules)
        let healthy = await lab.adapter.probe()
        #expect(engine.evaluate(healthy).first { $0.rule.id == "ETCD-QUORUM" }?.verdict == .pass)

        lab.cluster.stop("infra2")
        for _ in 0..<2 {   // consecutive refreshes keep working with the member gone
            let clock = ContinuousClock()
            let start = clock.now
            let state = await lab.adapter.probe()
            let elapsed = clock.now - start
            let etcd = try #require(state.etcd.value)
            #expect(etcd.members.count == 3)
            let down = try #require(etcd.members.first { $0.name == "infra2" })
            #expect(down.health.countsAsFailure && !down.answered)
            #expect(etcd.members.filter { $0.name != "infra2" }.allSatisfy { $0.health == .healthy })
            #expect(etcd.quorum.sentence == "3 members, tolerates 1 failure; 1 down, 0 more failures tolerated")
            let findings = engine.evaluate(state)
            let quorum = try #require(findings.first { $0.rule.id == "ETCD-QUORUM" })
            #expect(quorum.verdict == .fail && quorum.message.contains("infra2 down"))
            #expect(state.fleet.value?.machines.count == 7)
            #expect(findings.first { $0.rule.id == "DEIS1-REGISTRATION" }?.verdict == .fail)
            #expect(state.failures.isEmpty)
            #expect(elapsed < .seconds(8), "a refresh with a dead member took \(elapsed)")
        }
    }

    @Test("two of three stopped: quorum lost, config unreadable, membership and fleet still shown")
    func quorumLost() async throws {
        let lab = try await EtcdDeis1Lab.start(keys: [Deis1Names.registrationKey: "enabled"], readImages: false)
        defer { lab.shutdown() }
        lab.cluster.stop("infra2")
        lab.cluster.stop("infra3")
        let state = await lab.adapter.probe()
        let etcd = try #require(state.etcd.value)
        #expect(etcd.members.count == 3)
        #expect(etcd.quorum.sentence == "3 members, tolerates 1 failure; 2 down, quorum lost")
        #expect(etcd.keys.error != nil)
        let findings = RuleEngine(rules: lab.adapter.rules).evaluate(state)
        #expect(findings.first { $0.rule.id == "ETCD-QUORUM" }?.verdict == .fail)
        #expect(findings.first { $0.rule.id == "DEIS1-REGISTRATION" }?.verdict == .error)
        #expect(state.fleet.value?.units.isEmpty == false)
    }

    @Test("registration fix writes the key in etcd, verify reads it back, undo restores it; all audited")
    func registrationFix() async throws {
        let lab = try await EtcdDeis1Lab.start(keys: [Deis1Names.registrationKey: "enabled"], readImages: false)
        defer { lab.shutdown() }
        let auditDirectory = try TestPaths.temporaryDirectory("deis1-audit")
        defer { try? FileManager.default.removeItem(atPath: auditDirectory) }
        let audit = try AuditLog(path: auditDirectory + "/audit.jsonl")
        let session = Session(adapter: lab.adapter, audit: audit, verifyTimeoutSeconds: 10)

        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "DEIS1-REGISTRATION" })
        #expect(finding.verdict == .fail)
        let plan = try #require(await session.plan(for: finding))
        #expect(await session.dryRun(plan) == .accepted([]))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "DEIS1-REGISTRATION cleared"))
        #expect(try await lab.value(of: Deis1Names.registrationKey) == "admin_only")

        let undo = try #require(await session.undoPlan(for: plan))
        #expect(await session.apply(undo) == .applied(findingCleared: true, detail: "restored"))
        #expect(try await lab.value(of: Deis1Names.registrationKey) == "enabled")

        let entries = try AuditLog.read(path: audit.path)
        #expect(entries.map(\.step) == [.planned, .confirmed, .precondition, .run, .verify, .applied,
                                        .confirmed, .precondition, .run, .verify, .undo])
        let runs = entries.filter { $0.step == .run }.compactMap(\.command)
        let pinned = "--endpoints=" + lab.cluster.endpoints.joined(separator: ",")
        #expect(runs == [["etcdctl", pinned, "put", "--", Deis1Names.registrationKey, "admin_only"],
                         ["etcdctl", pinned, "put", "--", Deis1Names.registrationKey, "enabled"]])
        #expect(entries.first?.plan?.id == plan.id)
    }

    @Test("an absent key: the fix creates it, the undo deletes it again")
    func registrationFromAbsent() async throws {
        let lab = try await EtcdDeis1Lab.start(readImages: false)
        defer { lab.shutdown() }
        let auditDirectory = try TestPaths.temporaryDirectory("deis1-audit")
        defer { try? FileManager.default.removeItem(atPath: auditDirectory) }
        let session = Session(adapter: lab.adapter, audit: try AuditLog(path: auditDirectory + "/audit.jsonl"), verifyTimeoutSeconds: 10)
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "DEIS1-REGISTRATION" })
        #expect(finding.fix == .setSetting(Setting(scope: "controller", key: "registrationMode"), from: nil, to: "admin_only"))
        let plan = try #require(await session.plan(for: finding))
        #expect(await session.apply(plan).succeeded)
        #expect(try await lab.value(of: Deis1Names.registrationKey) == "admin_only")
        let undo = try #require(await session.undoPlan(for: plan))
        #expect(await session.apply(undo).succeeded)
        #expect(try await lab.value(of: Deis1Names.registrationKey) == "")
    }
}
