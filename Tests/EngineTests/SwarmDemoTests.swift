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
            ("SWARM-SWITCHOVER", SwarmSwitchoverRule.dumpSubject, .manual),
            ("SWARM-SWITCHOVER", SwarmSwitchoverRule.dnsSubject, .pass),
            ("SWARM-SWITCHOVER", SwarmSwitchoverRule.windowSubject, .manual),
            ("SWARM-REBOOT", "mgr-1", .fail),
            ("SWARM-REBOOT", "worker-1", .fail),
            ("SWARM-HEALTHCHECK", "web", .pass),
            ("SWARM-HEALTHCHECK", "api", .pass),
            ("SWARM-HEALTHCHECK", "db", .fail),
            ("SWARM-DOWNTIME", "web", .pass),
            ("SWARM-DOWNTIME", "api", .fail),
            ("SWARM-DOWNTIME", "db", .fail),
            ("SWARM-CRITICAL-NODE", "worker-1", .fail),
            ("SWARM-DB-TIER", "databases", .manual),
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
        #expect(f.first { $0.rule.id == "SWARM-DOWNTIME" && $0.subject == "api" }?.fix == .setUpdateOrder(service: "api", from: "stop-first", to: "start-first"))
        #expect(f.first { $0.rule.id == "SWARM-CRITICAL-NODE" }?.message.contains("api (node.labels.tier==app)") == true)
    }

    @Test func checkListsEveryRuleOfThePlatform() async throws {
        let (session, _) = try Self.session()
        let report = CheckReport(snapshot: await session.refresh(), failOn: .error)
        for id in SwarmRuleList.all.map(\.info.id) { #expect(report.table().contains(id), "\(id) missing from check --demo swarm") }
    }

    @Test func updateOrderFixAndUndo() async throws {
        let (session, _) = try Self.session()
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "SWARM-DOWNTIME" && $0.subject == "db" })
        let plan = try #require(await session.plan(for: finding))
        #expect(await session.dryRun(plan) == .accepted(["null"]), "db has no update settings stored: docker's defaults apply")
        #expect(await session.apply(plan) == .applied(findingCleared: false, detail: "change read back, but SWARM-DOWNTIME still fails"),
                "db still runs one replica")
        #expect(await session.refresh().state.swarm.value?.service(named: "db")?.updateOrder == "start-first")
        let undo = try #require(await session.undoPlan(for: plan))
        #expect(await session.apply(undo).succeeded)
        #expect(await session.refresh().state.swarm.value?.service(named: "db")?.effectiveUpdateOrder == "stop-first")
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

    /// The maintenance flow on the sandbox: drain (the records open it), the node reboots (the
    /// sandbox plays the manager seeing it go down and come back), activate — and only then does
    /// SWARM-REBOOT pass, from the record.
    @Test func maintenanceFlowRecordsTheRebootAndADrainAloneDoesNot() async throws {
        let (session, _) = try Self.session()
        let worker = "w0rk3rdem0n0de0000000001b"
        #expect(verdict(await session.refresh().findings, "SWARM-REBOOT", "worker-1") == .fail)
        let drain = try #require(await session.plan(.setNodeAvailability(node: worker, from: "active", to: "drain"), ruleID: SwarmNodesPane.nodeActionID,
                                                    subject: "worker-1", state: session.refresh().state).get())
        #expect(drain.risk == .high && drain.title == "Drain node worker-1 for maintenance")
        #expect(drain.changes.first { $0.what == "task api.1" }?.to == "stays Pending: no other active Ready node meets its placement (node.labels.tier==app)")
        #expect(drain.changes.first { $0.what == "task db.1" }?.to == "moves to mgr-1")
        #expect(await session.dryRun(drain) == .accepted(["api.1: Running 3 minutes ago", "db.1: Running 3 minutes ago"]))
        #expect(await session.apply(drain).succeeded)
        let drained = await session.refresh()
        let waiting = try #require(drained.findings.first { $0.rule.id == "SWARM-REBOOT" && $0.subject == "worker-1" })
        #expect(waiting.verdict == .fail && waiting.fix == nil && waiting.message.contains("reboot it now"), "a drain alone is no reboot")
        #expect(try session.records.load().maintenance.map(\.action) == ["drain"])

        // The operator reboots the node.
        let sandbox = try #require((session.adapter.runner as? SandboxRunner)?.tools["docker"] as? SwarmSandbox)
        sandbox.restartNode(worker)
        let back = try #require(await session.refresh().findings.first { $0.rule.id == "SWARM-REBOOT" && $0.subject == "worker-1" })
        #expect(back.fix == .setNodeAvailability(node: worker, from: "drain", to: "active"))
        let finish = try #require(await session.plan(for: back))
        #expect(finish.risk == .high && finish.title == "Finish the maintenance of worker-1: activate it and record its reboot")
        #expect(await session.apply(finish) == .applied(findingCleared: true, detail: "done"))
        let after = await session.refresh()
        #expect(verdict(after.findings, "SWARM-REBOOT", "worker-1") == .pass)
        #expect(verdict(after.findings, "SWARM-REBOOT", "mgr-1") == .fail)
        let records = try session.records.load().maintenance
        #expect(records.map(\.action) == ["drain", "reboot"] && records[1].evidence?.hasPrefix("down at") == true && records[1].by != nil)
    }

    @Test func drainThenUndoClosesTheFlowWithoutAReboot() async throws {
        let (session, _) = try Self.session()
        let drain = try #require(try session.plan(.setNodeAvailability(node: "m4n4g3rdem0n0de000000001a", from: "active", to: "drain"),
                                                  ruleID: SwarmNodesPane.nodeActionID, subject: "mgr-1", state: await session.refresh().state).get())
        #expect(await session.dryRun(drain) == .accepted(["web.1: Running 3 minutes ago", "web.2: Running 3 minutes ago"]))
        #expect(await session.apply(drain).succeeded)
        let drained = await session.refresh()
        #expect(drained.state.swarm.value?.tasks(onNode: "m4n4g3rdem0n0de000000001a").isEmpty == true)
        let notReady = try #require(drained.findings.first { $0.rule.id == "SWARM-NODES-READY" && $0.subject == "mgr-1" })
        #expect(notReady.verdict == .fail && notReady.fix == .setNodeAvailability(node: "m4n4g3rdem0n0de000000001a", from: "drain", to: "active"))
        let undo = try #require(await session.undoPlan(for: drain))
        #expect(undo.title == "Undo: Activate node mgr-1 (no reboot seen since the drain)")
        #expect(await session.apply(undo).succeeded)
        let back = await session.refresh()
        #expect(back.state.swarm.value?.node(id: "m4n4g3rdem0n0de000000001a")?.availability == "active")
        #expect(verdict(back.findings, "SWARM-REBOOT", "mgr-1") == .fail, "drained and activated again: no reboot")
        #expect(try session.records.load().maintenance.map(\.action) == ["drain", "activate"])
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
