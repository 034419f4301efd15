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
        let planner = SwarmFixPlanner(target: F.docker, state: state)
        let drain = try #require(try planner.plan(.setNodeAvailability(node: "id-mgr", from: "active", to: "drain"), ruleID: "SWARM-REBOOT", subject: "mgr")?.get())
        #expect(drain.title == "Drain node mgr for maintenance" && drain.risk == .high)
        #expect(drain.commands.map(\.argv) == [host + ["node", "update", "--availability", "drain", "id-mgr"]])
        #expect(drain.preconditions.map(\.command.argv) == [host + ["node", "inspect", "id-mgr", "--format", "{{.Spec.Availability}}"]])
        #expect(drain.preconditions.map(\.expected) == ["active"] && drain.postconditions.map(\.expected) == ["drain"])
        #expect(drain.changes[1].from == "2 (web.1, web.2)" && drain.changes[1].to.contains("w1"))
        let activate = try #require(try planner.plan(.setNodeAvailability(node: "id-mgr", from: "drain", to: "active"), ruleID: "SWARM-NODES-READY", subject: "mgr")?.get())
        #expect(activate.title == "Activate node mgr" && activate.risk == .low && activate.dryRunCommands.isEmpty)
        guard case .failure? = planner.plan(.setNodeAvailability(node: "id-mgr", from: "active", to: "bogus"), ruleID: "R", subject: "mgr") else {
            Issue.record("expected a refusal"); return
        }
    }

    @Test func drainWithNowhereToGoSaysTasksStayPending() throws {
        let manager = F.manager()
        let state = SwarmState(nodes: [manager], services: [F.service("web")], tasks: [F.task("web", 1, on: manager)])
        let plan = try #require(try SwarmFixPlanner(target: F.docker, state: state)
            .plan(.setNodeAvailability(node: "id-mgr", from: "active", to: "drain"), ruleID: "R", subject: "mgr")?.get())
        #expect(plan.changes[1].to.contains("stay Pending"))
    }

    @Test func aSwarmHasNoSnapshotOrScalingCapability() {
        let adapter: any PlatformAdapter = SwarmAdapter(target: Target(name: "s", platform: .swarm), docker: F.docker, runner: SandboxRunner())
        #expect(!(adapter is any SnapshotTaking) && !(adapter is any ReplicaScaling))
        #expect(adapter is any NodeMaintenance && adapter is any PlacementConstraining)
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
        default:
            return nil
        }
    }
}
