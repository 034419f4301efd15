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

/// The MedStack rows docker can decide, and SWARM-REBOOT's maintenance flow, against real
/// dockerd daemons (a manager and a worker in network namespaces). The worker's "reboot" is
/// its dockerd stopped and started again on the same data: the manager sees exactly what a
/// rebooted node shows it (heartbeats missed, `ready → down`, then `down → ready`); no
/// machine reboots here, and docker exposes no boot time that would tell the two apart.
@Suite(.serialized) struct SwarmMaintenanceFlowTests {
    static func session(_ daemon: SwarmDaemon, root: String, labels: [String: String] = [:]) throws -> Session {
        let adapter = SwarmAdapter(target: Target(name: "lab", platform: .swarm, docker: daemon.docker, labels: labels), docker: daemon.docker,
                                   runner: ProcessRunner(defaultTimeoutSeconds: 30))
        return Session(adapter: adapter, audit: try AuditLog(path: root + "/audit.jsonl"), verifyTimeoutSeconds: 60)
    }

    static func finding(_ snapshot: Snapshot, _ rule: String, _ subject: String) -> Finding? {
        snapshot.findings.first { $0.rule.id == rule && $0.subject == subject }
    }

    @Test func healthChecksDowntimePlacementAndTheSwitchoverRecord() async throws {
        try await SwarmIntegrationTests.withLab("new-rows") { lab in
            let manager = try await lab.startManager()
            try await lab.initSwarm()
            let worker = try await lab.addWorker()
            try await lab.importCheckedImage("ssd/checked:1.0")
            try await manager.run(["service", "create", "--detach", "--quiet", "--name", "web", "--replicas", "2", "--stop-grace-period", "1s",
                                   "--health-cmd", "true", "--health-interval", "2s", SwarmLab.image, "sleep", "1000000"])
            try await manager.run(["service", "create", "--detach", "--quiet", "--name", "api", "--update-order", "start-first", "--stop-grace-period", "1s",
                                   "ssd/checked:1.0", "sleep", "1000000"])
            try await manager.run(["service", "create", "--detach", "--quiet", "--name", "pg", "--stop-grace-period", "1s",
                                   "--mount", "type=volume,source=pgdata,target=/data", "--constraint", "node.labels.database==true",
                                   "--no-healthcheck", SwarmLab.image, "sleep", "1000000"])
            try await lab.waitForRunning(["web", "api"], count: 3)
            // The DNS step: the record is an address literal here (getent answers it as the resolver would a name).
            let session = try Self.session(manager, root: lab.root, labels: ["switchover-dns": lab.managerAddress])
            let first = await session.refresh()
            #expect(first.state.failures.isEmpty, "\(first.state.failures)")

            // Health checks: the service's own, the image's, and one turned off.
            #expect(Self.finding(first, "SWARM-HEALTHCHECK", "web")?.message == "health check set on the service")
            #expect(Self.finding(first, "SWARM-HEALTHCHECK", "api")?.message == "health check from the image ssd/checked:1.0")
            #expect(Self.finding(first, "SWARM-HEALTHCHECK", "pg")?.verdict == .fail)
            // The stateful service is pinned to a label no node carries: its task cannot start.
            #expect(Self.finding(first, "SWARM-STATEFUL-PLACEMENT", "pg")?.message.contains("no node carries that label") == true)
            #expect(Self.finding(first, "SWARM-SWITCHOVER", SwarmSwitchoverRule.dnsSubject)?.verdict == .pass)

            // Label the worker: the pin holds, and the worker becomes pg's only place.
            try await manager.run(["node", "update", "--label-add", "database=true", worker.hostname])
            try await lab.waitForRunning(["pg"], count: 1)
            let labelled = await session.refresh()
            #expect(Self.finding(labelled, "SWARM-STATEFUL-PLACEMENT", "pg")?.verdict == .pass)
            let critical = try #require(Self.finding(labelled, "SWARM-CRITICAL-NODE", worker.hostname))
            #expect(critical.verdict == .fail && critical.message.contains("pg (node.labels.database==true)"))

            // Downtime: web runs 2 replicas but updates stop-first (the CLI's stored default).
            let downtime = try #require(Self.finding(labelled, "SWARM-DOWNTIME", "web"))
            #expect(downtime.fix == .setUpdateOrder(service: "web", from: "stop-first", to: "start-first"))
            #expect(Self.finding(labelled, "SWARM-DOWNTIME", "api")?.fix == nil, "api is start-first already; its one replica is for a human to scale")
            let plan = try #require(await session.plan(for: downtime))
            guard case .accepted(let answer) = await session.dryRun(plan) else { Issue.record("the preview read failed"); return }
            #expect(answer.first?.contains(#""Order":"stop-first""#) == true, "\(answer)")
            #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "SWARM-DOWNTIME cleared"))
            #expect(try await manager.run(["service", "inspect", "web", "--format", "{{.Spec.UpdateConfig.Order}}"]).contains("start-first"))
            let undo = try #require(await session.undoPlan(for: plan))
            #expect(await session.apply(undo).succeeded)
            #expect(try await manager.run(["service", "inspect", "web", "--format", "{{.Spec.UpdateConfig.Order}}"]).contains("stop-first"))

            // A record that resolves elsewhere fails.
            let elsewhere = try Self.session(manager, root: lab.root, labels: ["switchover-dns": "localhost"])
            let wrong = try #require(Self.finding(await elsewhere.refresh(), "SWARM-SWITCHOVER", SwarmSwitchoverRule.dnsSubject))
            #expect(wrong.verdict == .fail && wrong.message.contains("127.0.0.1, not to a manager"))
        }
    }

    /// Drain from the Nodes pane (the preview says where each task goes), the node reboots,
    /// comes back Ready, activate: the record of that flow — and only that — passes
    /// SWARM-REBOOT. A drain and an activate with no reboot in between close the flow without one.
    @Test func maintenanceFlowOnRealDaemons() async throws {
        try await SwarmIntegrationTests.withLab("maintenance-flow") { lab in
            let manager = try await lab.startManager()
            try await lab.initSwarm()
            let worker = try await lab.addWorker()
            try await manager.run(["node", "update", "--label-add", "tier=app", worker.hostname])
            try await manager.run(["service", "create", "--detach", "--quiet", "--name", "web", "--replicas", "2", "--stop-grace-period", "1s",
                                   SwarmLab.image, "sleep", "1000000"])
            try await manager.run(["service", "create", "--detach", "--quiet", "--name", "api", "--constraint", "node.labels.tier==app",
                                   "--stop-grace-period", "1s", SwarmLab.image, "sleep", "1000000"])
            try await lab.waitForRunning(["web", "api"], count: 3)
            let session = try Self.session(manager, root: lab.root)
            let before = await session.refresh()
            #expect(Self.finding(before, "SWARM-REBOOT", worker.hostname)?.message.hasPrefix("no reboot recorded") == true)
            let workerNode = try #require(before.state.swarm.value?.nodes.first { $0.hostname == worker.hostname })

            // 1. Drain, as f on the Nodes pane asks for it.
            let pane = SwarmNodesPane.source(swarm: before.state.swarm)
            let row = try #require(pane.items.firstIndex { $0.hostname == worker.hostname })
            guard case .intent(let intent, let ruleID, let subject)? = pane.actions.first?.resolve(row) else { Issue.record("no node action"); return }
            let drain = try session.plan(intent, ruleID: ruleID, subject: subject, state: before.state).get()
            #expect(drain.risk == .high)
            #expect(drain.changes.first { $0.what == "task api.1" }?.to == "stays Pending: no other active Ready node meets its placement (node.labels.tier==app)")
            #expect(drain.changes.contains { $0.what.hasPrefix("task web.") && $0.to == "moves to \(manager.hostname)" })
            guard case .accepted(let moving) = await session.dryRun(drain) else { Issue.record("drain preview failed"); return }
            #expect(moving.contains { $0.hasPrefix("api.1: Running") }, "\(moving)")
            #expect(await session.apply(drain).succeeded)
            try await Polling.until("no task left on the drained worker", timeout: 60, every: 0.2) {
                try await manager.run(["node", "ps", worker.hostname, "--filter", "desired-state=running", "-q"])
                    .trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            }
            let drained = await session.refresh()
            let waiting = try #require(Self.finding(drained, "SWARM-REBOOT", worker.hostname))
            #expect(waiting.verdict == .fail && waiting.fix == nil && waiting.message.contains("reboot it now"), "a drain alone is no reboot")

            // 2. The operator reboots it. While it is down, activating is refused.
            try await lab.restartWorker(whileDown: {
                let down = await session.refresh()
                guard case .failure(let refusal) = session.plan(.setNodeAvailability(node: workerNode.id, from: "drain", to: "active"),
                                                                ruleID: SwarmNodesPane.nodeActionID, subject: worker.hostname, state: down.state) else {
                    Issue.record("activating a down node was planned"); return
                }
                #expect(refusal.reason.contains("wait until it is Ready again"))
            })

            // 3. Back Ready: the manager's events show it left and came back.
            let back = await session.refresh()
            let events = back.state.swarm.value?.nodeEvents.filter { $0.nodeID == workerNode.id } ?? []
            #expect(events.contains { $0.stateNew == "down" } && events.contains { $0.stateOld == "down" && $0.stateNew == "ready" }, "\(events)")
            let ready = try #require(Self.finding(back, "SWARM-REBOOT", worker.hostname))
            #expect(ready.fix == .setNodeAvailability(node: workerNode.id, from: "drain", to: "active"))

            // 4. Activate: typed confirmation, and the reboot is recorded.
            let finish = try #require(await session.plan(for: ready))
            #expect(finish.risk == .high && finish.title.hasPrefix("Finish the maintenance of \(worker.hostname)"))
            #expect(await session.apply(finish) == .applied(findingCleared: true, detail: "done"))
            #expect(try await manager.run(["node", "ls", "--format", "{{.Hostname}} {{.Availability}}"]).contains("\(worker.hostname) Active"))
            let after = await session.refresh()
            #expect(Self.finding(after, "SWARM-REBOOT", worker.hostname)?.verdict == .pass)
            let records = try session.records.load().maintenance.filter { $0.node == workerNode.id }
            #expect(records.map(\.action) == ["drain", "reboot"])
            #expect(records[1].leftAt != nil && records[1].backAt != nil && records[1].evidence?.hasPrefix("down at") == true)

            // A drain and an activate with no reboot between: closed, and SWARM-REBOOT stays failing.
            let managerNode = try #require(after.state.swarm.value?.nodes.first { $0.isSelf })
            let drainManager = try session.plan(.setNodeAvailability(node: managerNode.id, from: "active", to: "drain"),
                                                ruleID: SwarmNodesPane.nodeActionID, subject: manager.hostname, state: after.state).get()
            #expect(await session.apply(drainManager).succeeded)
            let activate = try #require(await session.undoPlan(for: drainManager))
            #expect(activate.title == "Undo: Activate node \(manager.hostname) (no reboot seen since the drain)" && activate.risk == .low)
            #expect(await session.apply(activate).succeeded)
            let closed = await session.refresh()
            #expect(Self.finding(closed, "SWARM-REBOOT", manager.hostname)?.verdict == .fail)
            #expect(try session.records.load().maintenance.filter { $0.node == managerNode.id }.map(\.action) == ["drain", "activate"])
            #expect(Self.finding(closed, "SWARM-REBOOT", worker.hostname)?.verdict == .pass)
        }
    }
}
