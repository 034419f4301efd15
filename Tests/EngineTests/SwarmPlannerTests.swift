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

/// Fix plans: exact argv pinned by --host, live preconditions, read-back, refusals, undo.
@Suite struct SwarmPlannerTests {
    typealias F = SwarmFixtures
    let host = ["docker", "--host", "unix:///tmp/test-docker.sock"]

    func swarm(workers: [SwarmNode] = [F.node("w1")]) -> SwarmState {
        let manager = F.manager()
        return SwarmState(nodes: [manager] + workers, services: [F.service("web", replicas: 2)],
                          tasks: [F.task("web", 1, on: manager), F.task("web", 2, on: manager)])
    }

    @Test func constraintAddChecksTheServiceAndTheWorkerLive() throws {
        let planner = SwarmFixPlanner(target: F.docker, state: swarm())
        let intent = FixIntent.addPlacementConstraint(service: "web", constraint: "node.role!=manager")
        let plan = try #require(try planner.plan(intent, ruleID: "SWARM-MANAGER-FREE", subject: "web")?.get())
        #expect(plan.commands.map(\.argv) == [host + ["service", "update", "--detach", "--constraint-add", "node.role!=manager", "web"]])
        #expect(plan.risk == .low)
        #expect(plan.changes.map(\.to) == ["node.role!=manager", "rescheduled onto w1"])
        #expect(plan.changes[1].from == "2 (web.1, web.2)")
        let presence = SwarmTemplates.constraintPresence("node.role!=manager")
        #expect(presence == #"{{with .Spec.TaskTemplate.Placement}}{{range .Constraints}}{{if eq . "node.role!=manager"}}present{{end}}{{end}}{{end}}"#)
        #expect(plan.preconditions.map(\.command.argv) == [host + ["service", "inspect", "web", "--format", presence],
                                                          host + ["node", "inspect", "id-w1", "--format", SwarmTemplates.eligibility]])
        #expect(plan.preconditions.map(\.expected) == [nil, "worker active ready"])
        #expect(plan.postconditions.map(\.expected) == ["present"])
        #expect(plan.dryRunCommands.map(\.argv) == [host + ["node", "ls", "--filter", "role=worker", "--format", SwarmTemplates.workerLine]])
    }

    @Test func constraintAddIsRefusedWithItsReasonWhenNoWorkerCanTakeTheTasks() throws {
        let intent = FixIntent.addPlacementConstraint(service: "web", constraint: "node.role!=manager")
        let alone = SwarmFixPlanner(target: F.docker, state: swarm(workers: []))
        guard case .failure(let refusal)? = alone.plan(intent, ruleID: "SWARM-MANAGER-FREE", subject: "web") else {
            Issue.record("expected a refusal"); return
        }
        #expect(refusal.reason.contains("no active Ready worker could take the tasks of web"))
        let drained = SwarmFixPlanner(target: F.docker, state: swarm(workers: [F.node("w1", availability: "drain")]))
        guard case .failure(let why)? = drained.plan(intent, ruleID: "SWARM-MANAGER-FREE", subject: "web") else {
            Issue.record("expected a refusal"); return
        }
        #expect(why.reason.contains("drained"))
        let unread = SwarmFixPlanner(target: F.docker, state: nil)
        guard case .failure(let notRead)? = unread.plan(intent, ruleID: "SWARM-MANAGER-FREE", subject: "web") else {
            Issue.record("expected a refusal"); return
        }
        #expect(notRead.reason.contains("refresh"))
    }

    @Test func movingAStatefulServiceIsHighRisk() throws {
        var state = swarm()
        state.services[0].mounts = [.init(type: "bind", source: "/srv", target: "/data")]
        let plan = try #require(try SwarmFixPlanner(target: F.docker, state: state)
            .plan(.addPlacementConstraint(service: "web", constraint: "node.role!=manager"), ruleID: "R", subject: "web")?.get())
        #expect(plan.risk == .high)
        #expect(plan.changes.contains { $0.to.contains("NOT moved") })
    }

    @Test func constraintRemoveIsTheUndo() throws {
        let plan = try #require(try SwarmFixPlanner(target: F.docker, state: swarm())
            .plan(.removePlacementConstraint(service: "web", constraint: "node.role!=manager"), ruleID: "R", subject: "web")?.get())
        #expect(plan.commands.map(\.argv) == [host + ["service", "update", "--detach", "--constraint-rm", "node.role!=manager", "web"]])
        #expect(plan.preconditions.map(\.expected) == ["present"] && plan.postconditions.map(\.expected) == [nil])
        #expect(FixIntent.addPlacementConstraint(service: "web", constraint: "c").inverse == .removePlacementConstraint(service: "web", constraint: "c"))
    }

    @Test func drainAndActivate() throws {
        let state = swarm()
        let planner = SwarmFixPlanner(target: F.docker, state: state, records: ConsoleRecords(), cluster: F.target.name, operatorName: "ops")
        let drain = try #require(try planner.plan(.setNodeAvailability(node: "id-mgr", from: "active", to: "drain"), ruleID: "SWARM-NODE-AVAILABILITY", subject: "mgr")?.get())
        #expect(drain.title == "Drain node mgr for maintenance" && drain.risk == .high)
        #expect(drain.commands.map(\.argv) == [host + ["node", "update", "--availability", "drain", "id-mgr"]])
        #expect(drain.preconditions.map(\.command.argv) == [host + ["node", "inspect", "id-mgr", "--format", "{{.Spec.Availability}}"]])
        #expect(drain.preconditions.map(\.expected) == ["active"] && drain.postconditions.map(\.expected) == ["drain"])
        // Each task, and where its constraints let it go.
        #expect(drain.changes.map(\.what) == ["node mgr availability", "task web.1", "task web.2", "maintenance of mgr"])
        #expect(drain.changes[1].from == "on mgr" && drain.changes[1].to == "moves to w1")
        // The drain opens the maintenance flow in the records.
        #expect(drain.local == .appendRecord(.maintenance(node: "id-mgr", action: "drain", drainedAt: nil, leftAt: nil, backAt: nil, evidence: nil), by: "ops"))
        let activate = try #require(try planner.plan(.setNodeAvailability(node: "id-mgr", from: "drain", to: "active"), ruleID: "SWARM-NODES-READY", subject: "mgr")?.get())
        #expect(activate.title == "Activate node mgr" && activate.risk == .low && activate.dryRunCommands.isEmpty && activate.local == nil)
        guard case .failure? = planner.plan(.setNodeAvailability(node: "id-mgr", from: "active", to: "bogus"), ruleID: "R", subject: "mgr") else {
            Issue.record("expected a refusal"); return
        }
    }

    @Test func drainPreviewFollowsEachTasksConstraints() throws {
        let manager = F.manager(), db = F.node("db-node", labels: ["database": "true"]), w2 = F.node("w2")
        let services = [F.service("web"), F.service("pg", constraints: ["node.labels.database==true"]), F.global("agent")]
        let tasks = [F.task("web", 1, on: db), F.task("pg", 1, on: db),
                     SwarmTask(id: "a", name: "agent.id-db-node", serviceName: "agent", nodeID: db.id, nodeHostname: "db-node", state: "running")]
        let state = SwarmState(nodes: [manager, db, w2], services: services, tasks: tasks)
        let plan = try #require(try SwarmFixPlanner(target: F.docker, state: state)
            .plan(.setNodeAvailability(node: db.id, from: "active", to: "drain"), ruleID: "R", subject: "db-node")?.get())
        let moves = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.what, $0.to) })
        #expect(moves["task web.1"] == "moves to mgr or w2")
        #expect(moves["task pg.1"] == "stays Pending: no other active Ready node meets its placement (node.labels.database==true)")
        #expect(moves["task agent.id-db-node"] == "stops: a global service runs one task per node")
    }

    @Test func drainWithNowhereToGoSaysTasksStayPending() throws {
        let manager = F.manager()
        let state = SwarmState(nodes: [manager], services: [F.service("web")], tasks: [F.task("web", 1, on: manager)])
        let plan = try #require(try SwarmFixPlanner(target: F.docker, state: state)
            .plan(.setNodeAvailability(node: "id-mgr", from: "active", to: "drain"), ruleID: "R", subject: "mgr")?.get())
        #expect(plan.changes[1].to.contains("stays Pending"))
    }

    @Test func activateAfterASeenReturnRecordsTheReboot() throws {
        let node = F.node("w1", availability: "drain")
        var records = ConsoleRecords()
        records.maintenance = [F.step(node, "drain", daysAgo: 0.01)]
        let events = [F.event(node, secondsAgo: 600, from: "ready", to: "down"), F.event(node, secondsAgo: 300, from: "down", to: "ready")]
        let state = SwarmState(nodes: [F.manager(), node], nodeEvents: events)
        let planner = SwarmFixPlanner(target: F.docker, state: state, records: records, cluster: F.target.name, operatorName: "ops")
        let plan = try #require(try planner.plan(.setNodeAvailability(node: node.id, from: "drain", to: "active"), ruleID: "SWARM-REBOOT", subject: "w1")?.get())
        // The operator confirms the reboot by typing the cluster's name.
        #expect(plan.title == "Finish the maintenance of w1: activate it and record its reboot" && plan.risk == .high)
        #expect(plan.preconditions.map(\.expected) == ["drain", "ready"])
        guard case .appendRecord(.maintenance(let id, let action, let drainedAt, let leftAt, let backAt, let evidence), let by)? = plan.local else {
            Issue.record("no maintenance record planned"); return
        }
        #expect(id == node.id && action == "reboot" && by == "ops" && drainedAt == records.maintenance[0].at)
        #expect(leftAt == events[0].time && backAt == events[1].time && evidence?.hasPrefix("down at") == true)
        // Nothing seen: the activate closes the flow without a reboot, and says so.
        let quiet = SwarmFixPlanner(target: F.docker, state: SwarmState(nodes: [F.manager(), node]), records: records, cluster: F.target.name, operatorName: "ops")
        let closing = try #require(try quiet.plan(.setNodeAvailability(node: node.id, from: "drain", to: "active"), ruleID: "R", subject: "w1")?.get())
        #expect(closing.title == "Activate node w1 (no reboot seen since the drain)" && closing.risk == .low)
        #expect(closing.changes.contains { $0.to.contains("SWARM-REBOOT stays failing") })
        guard case .appendRecord(.maintenance(_, "activate", _, _, _, _), _)? = closing.local else { Issue.record("no closing record"); return }
        // Still down: refused until it is Ready.
        var down = node
        down.state = "down"
        let waiting = SwarmFixPlanner(target: F.docker, state: SwarmState(nodes: [down], nodeEvents: events), records: records, cluster: F.target.name)
        guard case .failure(let refusal)? = waiting.plan(.setNodeAvailability(node: node.id, from: "drain", to: "active"), ruleID: "R", subject: "w1") else {
            Issue.record("expected a refusal"); return
        }
        #expect(refusal.reason.contains("wait until it is Ready again"))
    }

    @Test func updateOrderStartFirst() throws {
        var state = swarm()
        state.services[0].ports = [.init(proto: "tcp", targetPort: 80, publishedPort: 8080, mode: "host")]
        let plan = try #require(try SwarmFixPlanner(target: F.docker, state: state)
            .plan(.setUpdateOrder(service: "web", from: "stop-first", to: "start-first"), ruleID: "SWARM-DOWNTIME", subject: "web")?.get())
        #expect(plan.commands.map(\.argv) == [host + ["service", "update", "--detach", "--update-order", "start-first", "web"]])
        #expect(plan.preconditions.map(\.command.argv) == [host + ["service", "inspect", "web", "--format", SwarmTemplates.updateOrder]])
        #expect(plan.preconditions.map(\.expected) == ["stop-first"] && plan.postconditions.map(\.expected) == ["start-first"])
        #expect(plan.dryRunCommands.map(\.argv) == [host + ["service", "inspect", "web", "--format", "{{json .Spec.UpdateConfig}}"]])
        #expect(plan.changes.contains { $0.what == "web host-mode port 8080" }, "a host-mode port needs a second node for start-first")
        #expect(!plan.hasServerDryRun)
        let undo = try #require(try SwarmFixPlanner(target: F.docker, state: state).plan(plan.intent.inverse!, ruleID: "R", subject: "web")?.get())
        #expect(undo.commands[0].arguments.suffix(3) == ["--update-order", "stop-first", "web"])
        guard case .failure? = SwarmFixPlanner(target: F.docker, state: state).plan(.setUpdateOrder(service: "web", from: "stop-first", to: "sideways"), ruleID: "R", subject: "web") else {
            Issue.record("expected a refusal"); return
        }
    }

    @Test func constraintAddIsRefusedForAServiceThatAsksForManagers() throws {
        var state = swarm()
        state.services[0].constraints = ["node.role==manager"]
        guard case .failure(let refusal)? = SwarmFixPlanner(target: F.docker, state: state)
            .plan(.addPlacementConstraint(service: "web", constraint: "node.role!=manager"), ruleID: "R", subject: "web") else {
            Issue.record("expected a refusal"); return
        }
        #expect(refusal.reason.contains("asks for managers itself"))
    }

    @Test func aSwarmHasNoSnapshotOrScalingCapability() {
        let adapter: any PlatformAdapter = SwarmAdapter(target: Target(name: "s", platform: .swarm), docker: F.docker, runner: SandboxRunner())
        #expect(!(adapter is any SnapshotTaking) && !(adapter is any ReplicaScaling))
        #expect(adapter is any NodeMaintenance && adapter is any PlacementConstraining && adapter is any RolloutOrdering)
        let request = PlanRequest(ruleID: "R", subject: "s", state: nil, backupDirectory: "/tmp", operatorName: "t")
        guard case .failure(let refusal) = FixRouter.plan(.etcdSnapshot, adapter: adapter, request: request) else {
            Issue.record("a swarm planned an etcd snapshot"); return
        }
        #expect(refusal.reason == "shipshape cannot take etcd snapshots on Docker Swarm")
    }

    @Test func presenceTemplatesQuoteAndRoundTrip() {
        for constraint in ["node.role!=manager", #"node.labels.a"b==c\d"#, "node.labels.x==}}{{"] {
            let template = SwarmTemplates.constraintPresence(constraint)
            #expect(SwarmTemplates.constraint(inPresence: template) == constraint)
        }
        #expect(SwarmTemplates.goQuoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(SwarmTemplates.constraint(inPresence: "{{.Spec.Name}}") == nil)
    }

    @Test func dockerHostIsPinnedFromFlagThenEnvironment() throws {
        #expect(try DockerHostResolver.resolve(flag: "unix:///a.sock", environment: ["DOCKER_HOST": "tcp://b:2375"]).host == "unix:///a.sock")
        #expect(try DockerHostResolver.resolve(flag: nil, environment: ["DOCKER_HOST": "tcp://b:2375"]).host == "tcp://b:2375")
        #expect(try DockerHostResolver.resolve(flag: nil, environment: [:]).host == "unix:///var/run/docker.sock")
        #expect(throws: TargetError.self) { try DockerHostResolver.resolve(flag: "/var/run/docker.sock", environment: [:]) }
        #expect(SwarmFixtures.docker.docker(["node", "ls"]).argv == host + ["node", "ls"])
    }
}

/// The planner's two capabilities behind one entry point, as the adapter routes them.
extension SwarmFixPlanner {
    func plan(_ intent: FixIntent, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal>? {
        switch intent {
        case .addPlacementConstraint(let service, let constraint):
            return planConstraint(service: service, constraint: constraint, adding: true, ruleID: ruleID, subject: subject)
        case .removePlacementConstraint(let service, let constraint):
            return planConstraint(service: service, constraint: constraint, adding: false, ruleID: ruleID, subject: subject)
        case .setNodeAvailability(let node, let from, let to):
            return planAvailability(node: node, from: from, to: to, ruleID: ruleID, subject: subject)
        case .setUpdateOrder(let service, let from, let to):
            return planUpdateOrder(service: service, from: from, to: to, ruleID: ruleID, subject: subject)
        default:
            return nil
        }
    }
}
