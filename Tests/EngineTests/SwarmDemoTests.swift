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

/// `shipshape demo swarm` end to end on the sandbox: every rule's verdict, the
/// fixes changing the sandbox, undo, and the password never leaving the sandbox.
@Suite struct SwarmDemoTests {
    static let password = "demo-pg-Secret-do-not-show"

    static func session() throws -> (Session, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shipshape-\(UUID().uuidString)/audit.jsonl").path
        let adapter = try DemoScenario.swarm.makeAdapter(latencyMilliseconds: 0)
        return (Session(adapter: adapter, audit: try AuditLog(path: path), verifyTimeoutSeconds: 2), path)
    }

    func verdict(_ findings: [Finding], _ rule: String, _ subject: String) -> Verdict? {
        findings.first { $0.rule.id == rule && $0.subject == subject }?.verdict
    }

    @Test func everyRuleHasTheScenarioVerdict() async throws {
        let (session, _) = try Self.session()
        let snapshot = await session.refresh()
        #expect(snapshot.state.failures.isEmpty)
        let f = snapshot.findings
        let expected: [(String, String, Verdict)] = [
            ("SWARM-MULTINODE", "swarm", .fail),
            ("SWARM-MANAGER-SIZE", "mgr-1", .pass),
            ("SWARM-WORKER-SIZE", "worker-1", .fail),
            ("SWARM-MANAGER-FREE", "web", .fail),
            ("SWARM-STATEFUL-PLACEMENT", "db", .fail),
            ("SWARM-BIND-MOUNTS", "db", .fail),
            ("SWARM-SECRETS", "db", .fail),
            ("SWARM-IMAGE-SIZE", "api", .fail),
            ("SWARM-IMAGE-SIZE", "web", .pass),
            ("SWARM-SWITCHOVER", "switchover", .manual),
            ("SWARM-REBOOT", "mgr-1", .fail),
            ("SWARM-REBOOT", "worker-1", .pass),
            ("SWARM-RESTORE-DRILL", "backups", .fail),
            ("SWARM-NOTIFICATIONS", "MedStack Control", .manual),
            ("SWARM-NODES-READY", "nodes", .pass),
        ]
        for (rule, subject, want) in expected {
            #expect(verdict(f, rule, subject) == want, "\(rule) on \(subject)")
        }
        // A swarm keeps its state in the managers' Raft log: no etcd rule applies to it.
        #expect(Set(f.map(\.rule.id)) == Set(SwarmRuleList.all.map(\.info.id)))
        #expect(f.first { $0.rule.id == "SWARM-MANAGER-FREE" }?.fix == .addPlacementConstraint(service: "web", constraint: "node.role!=manager"))
        #expect(snapshot.state.swarm.value?.tasks.count == 4)
    }

    @Test func constraintFixMovesWebToTheWorkerAndUndoRemovesIt() async throws {
        let (session, path) = try Self.session()
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "SWARM-MANAGER-FREE" })
        let plan = try #require(await session.plan(for: finding))
        #expect(await session.dryRun(plan) == .accepted(["worker-1: Ready, Active"]))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "SWARM-MANAGER-FREE cleared"))
        let after = try #require(await session.refresh().state.swarm.value)
        #expect(after.tasks(of: "web").compactMap(\.nodeID) == ["w0rk3rdem0n0de0000000001b", "w0rk3rdem0n0de0000000001b"])
        #expect(after.service(named: "web")?.constraints == ["node.role!=manager"])

        let undo = try #require(await session.undoPlan(for: plan))
        #expect(undo.intent == .removePlacementConstraint(service: "web", constraint: "node.role!=manager"))
        #expect(await session.apply(undo).succeeded)
        #expect(await session.refresh().state.swarm.value?.service(named: "web")?.constraints == [])
        let log = try String(contentsOfFile: path, encoding: .utf8)
        #expect(log.contains("\"step\":\"undo\"") && !log.contains(Self.password))
    }

    @Test func drainFromRebootThenActivateFromNodesReady() async throws {
        let (session, _) = try Self.session()
        let reboot = try #require(await session.refresh().findings.first { $0.rule.id == "SWARM-REBOOT" && $0.verdict == .fail })
        let drain = try #require(await session.plan(for: reboot))
        #expect(drain.risk == .high && drain.title == "Drain node mgr-1 for maintenance")
        #expect(await session.dryRun(drain) == .accepted(["web.1: Running 3 minutes ago", "web.2: Running 3 minutes ago"]))
        #expect(await session.apply(drain) == .applied(findingCleared: true, detail: "SWARM-REBOOT cleared"))
        let drained = await session.refresh()
        #expect(drained.state.swarm.value?.tasks(onNode: "m4n4g3rdem0n0de000000001a").isEmpty == true)
        let notReady = try #require(drained.findings.first { $0.rule.id == "SWARM-NODES-READY" && $0.subject == "mgr-1" })
        #expect(notReady.verdict == .fail && notReady.fix == .setNodeAvailability(node: "m4n4g3rdem0n0de000000001a", from: "drain", to: "active"))
        let undo = try #require(await session.undoPlan(for: drain))
        #expect(await session.apply(undo).succeeded)
        let back = await session.refresh()
        #expect(back.state.swarm.value?.node(id: "m4n4g3rdem0n0de000000001a")?.availability == "active")
        #expect(verdict(back.findings, "SWARM-REBOOT", "mgr-1") == .pass, "the activate itself is a fresh change")
    }

    @Test func staleWorkerIsRefusedAtApply() async throws {
        let (session, _) = try Self.session()
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "SWARM-MANAGER-FREE" })
        let plan = try #require(await session.plan(for: finding))
        // Someone drains the worker between preview and confirmation.
        _ = try await session.adapter.runner.run(DockerTarget(host: "unix:///demo/docker.sock")
            .docker(["node", "update", "--availability", "drain", "worker-1"]))
        guard case .refused(let reason) = await session.apply(plan) else { Issue.record("expected refusal"); return }
        #expect(reason.contains("worker-1 is an active Ready worker") && reason.contains("worker drain ready"))
    }

    @Test func refusalWhenTheOnlyWorkerIsDrained() async throws {
        let (session, _) = try Self.session()
        _ = try await session.adapter.runner.run(DockerTarget(host: "unix:///demo/docker.sock")
            .docker(["node", "update", "--availability", "drain", "worker-1"]))
        let snapshot = await session.refresh()
        // With the worker drained its tasks went to the manager; every service now fails, and none is fixable.
        let managerFree = snapshot.findings.filter { $0.rule.id == "SWARM-MANAGER-FREE" }
        #expect(!managerFree.isEmpty && managerFree.allSatisfy { $0.verdict == .fail && $0.fix == nil })
        #expect(managerFree.allSatisfy { $0.message.contains("automatic fix refused: no active Ready worker") })
        guard case .failure(let refusal) = session.plan(.addPlacementConstraint(service: "web", constraint: "node.role!=manager"),
                                                        ruleID: "SWARM-MANAGER-FREE", subject: "web", state: snapshot.state) else {
            Issue.record("expected a refusal"); return
        }
        #expect(refusal.reason.contains("every worker is down, paused or drained"))
    }

    @Test func passwordNeverReachesTheReport() async throws {
        let (session, _) = try Self.session()
        let report = CheckReport(snapshot: await session.refresh(), failOn: .error)
        #expect(report.exitStatus == 1)
        #expect(!report.json().contains(Self.password) && !report.table().contains(Self.password))
        #expect(report.json().contains("POSTGRES_PASSWORD"))
        #expect(DemoScenario.swarm.json.contains(Self.password), "the sandbox itself has it, like a daemon would")
    }

    @Test func sandboxRefusesAnUnpinnedHost() async {
        let adapter = try? DemoScenario.swarm.makeAdapter(latencyMilliseconds: 0)
        await #expect(throws: RunError.self) {
            _ = try await adapter?.runner.run(Command("docker", ["--host", "unix:///var/run/docker.sock", "node", "ls"]))
        }
    }
}
