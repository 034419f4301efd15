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

/// Constraint matching (swarmkit's rules) and the refusal of the managers-free fix.
@Suite struct SwarmPlacementTests {
    typealias F = SwarmFixtures

    @Test func constraintsParseWithSpacesAndMatchCaseInsensitively() throws {
        let spaced = try #require(SwarmConstraint("node.role != manager"))
        #expect(spaced.key == "node.role" && !spaced.equals && spaced.value == "manager")
        let worker = F.node("w1", labels: ["database": "true"])
        #expect(spaced.matches(worker) == true)
        #expect(spaced.matches(F.manager()) == false)
        #expect(SwarmConstraint("node.labels.database==TRUE")?.matches(worker) == true)
        #expect(SwarmConstraint("node.labels.Database==true")?.matches(worker) == false, "label names are case-sensitive")
        #expect(SwarmConstraint("node.labels.missing!=x")?.matches(worker) == true)
        #expect(SwarmConstraint("node.hostname==W1")?.matches(worker) == true)
        #expect(SwarmConstraint("node.platform.os==linux")?.matches(worker) == true)
        #expect(SwarmConstraint("node.ip==10.0.0.1")?.matches(worker) == nil, "unmodelled keys are unknown, not false")
        #expect(SwarmConstraint("nonsense") == nil && SwarmConstraint("==x") == nil)
    }

    @Test func excludesManagersAndLabelPins() {
        #expect(SwarmConstraint.excludesManagers("node.role!=manager"))
        #expect(SwarmConstraint.excludesManagers("node.role != Manager"))
        #expect(SwarmConstraint.excludesManagers("node.role==worker"))
        #expect(!SwarmConstraint.excludesManagers("node.role==manager"))
        #expect(SwarmConstraint("node.labels.database == true")?.isNodeLabelPin == true)
        #expect(SwarmConstraint("node.labels.database != true")?.isNodeLabelPin == false)
        #expect(SwarmConstraint("node.hostname==db1")?.isNodeLabelPin == false)
    }

    @Test func refusedWithOnlyAManager() throws {
        let manager = F.manager()
        let web = F.service("web", replicas: 2)
        let state = SwarmState(nodes: [manager], services: [web], tasks: [F.task("web", 1, on: manager)])
        let reason = try #require(SwarmPlacement.refusalToLeaveManagers(web, in: state))
        #expect(reason.contains("no active Ready worker could take the tasks of web"))
        #expect(reason.contains("no worker node"))
    }

    @Test func refusedWhenEveryWorkerIsDrainedOrDown() throws {
        let state = SwarmState(nodes: [F.manager(), F.node("w1", availability: "drain"), F.node("w2", state: "down")],
                               services: [F.service("web")])
        let reason = try #require(SwarmPlacement.refusalToLeaveManagers(F.service("web"), in: state))
        #expect(reason.contains("every worker is down, paused or drained") && reason.contains("w1 ready/drain") && reason.contains("w2 down/active"))
    }

    @Test func refusedWhenNoWorkerMeetsTheOtherConstraints() throws {
        let db = F.service("db", constraints: ["node.labels.database==true"])
        let state = SwarmState(nodes: [F.manager(), F.node("w1")], services: [db])
        let reason = try #require(SwarmPlacement.refusalToLeaveManagers(db, in: state))
        #expect(reason.contains("meets its other constraints (node.labels.database==true)"))
        let labelled = SwarmState(nodes: [F.manager(), F.node("w1", labels: ["database": "true"])], services: [db])
        #expect(SwarmPlacement.refusalToLeaveManagers(db, in: labelled) == nil)
    }

    @Test func allowedWithAnActiveReadyWorker() {
        let state = SwarmState(nodes: [F.manager(), F.node("w1"), F.node("w2", availability: "drain")], services: [F.service("web")])
        #expect(SwarmPlacement.refusalToLeaveManagers(F.service("web"), in: state) == nil)
        #expect(SwarmPlacement.workersForTasks(of: F.service("web"), in: state).map(\.hostname) == ["w1"])
    }
}
