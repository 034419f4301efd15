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
@testable import TUI

/// `f` on the Swarm Nodes pane drains an active node or activates a drained one, through the
/// same preview, confirmation, verification, audit and undo as every fix (demo sandbox).
@MainActor
@Suite struct SwarmNodeActionTests {
    static func console() throws -> (ConsoleController, GridScreen, String) {
        let adapter = try DemoScenario.swarm.makeAdapter(latencyMilliseconds: 0)
        let auditPath = FileManager.default.temporaryDirectory.appendingPathComponent("shipshape-\(UUID().uuidString)/audit.jsonl").path
        let session = Session(adapter: adapter, audit: try AuditLog(path: auditPath), verifyTimeoutSeconds: 2)
        let screen = GridScreen(rows: 45, cols: 160)
        return (ConsoleController(session: session, screen: screen, readOnly: false, autoRefreshSeconds: nil), screen, auditPath)
    }

    /// Focuses the Nodes pane and selects the row of `hostname`.
    static func select(_ hostname: String, in controller: ConsoleController) throws {
        while controller.model.focus != .nodes { controller.handle(.tab) }
        let source = try #require(ConsolePanes.source(.nodes, model: controller.model) as? ListSource<SwarmNode>)
        let index = try #require(source.items.firstIndex { $0.hostname == hostname })
        controller.handle(.char("g"))
        for _ in 0..<index { controller.handle(.char("j")) }
    }

    func availability(of hostname: String, in controller: ConsoleController) -> String? {
        controller.model.snapshot?.state.swarm.value?.nodes.first { $0.hostname == hostname }?.availability
    }

    @Test func theIntentFollowsTheNodesAvailability() throws {
        func node(_ name: String, _ availability: String) -> SwarmNode {
            SwarmNode(id: "id-\(name)", hostname: name, role: .worker, availability: availability, state: "ready")
        }
        let state = SwarmState(nodes: [node("a", "active"), node("b", "drain"), node("c", "pause")])
        let source = SwarmNodesPane.source(swarm: .loaded(state))
        func intent(_ index: Int) -> FixIntent? {
            guard case .intent(let intent, _, _)? = source.actions.first?.resolve(index) else { return nil }
            return intent
        }
        #expect(intent(0) == .setNodeAvailability(node: "id-a", from: "active", to: "drain"))
        #expect(intent(1) == .setNodeAvailability(node: "id-b", from: "drain", to: "active"))
        #expect(intent(2) == .setNodeAvailability(node: "id-c", from: "pause", to: "active"))
        #expect(intent(3) == nil)
        // The action acts on the row shown, whatever the filter: "pause" filtered alone is row 0.
        let filtered = source.queried(PaneQuery(filter: "pause"))
        guard case .intent(let onC, _, _)? = filtered.actions.first?.resolve(0) else { Issue.record("no intent on the filtered row"); return }
        #expect(onC == .setNodeAvailability(node: "id-c", from: "pause", to: "active"))
    }

    @Test func drainFromTheNodesPaneThenUndo() async throws {
        let (controller, screen, auditPath) = try Self.console()
        controller.start()
        await controller.settle()
        try Self.select("worker-1", in: controller)
        controller.handle(.char("f"))
        await controller.settle()
        #expect(screen.text().contains("Drain node worker-1 for maintenance"))
        #expect(screen.text().contains("node update --availability drain"))
        // docker has no dry run: the tasks that would move are a preview read, and say so.
        #expect(screen.text().contains("No server-side dry run for this tool"))
        #expect(!screen.text().contains("Server dry run"))
        #expect(screen.text().contains("api.1"))
        // High risk: Enter alone cancels; the context name has to be typed.
        for character in "demo-swarm" { controller.handle(.char(character)) }
        controller.handle(.enter)
        await controller.settle()
        #expect(availability(of: "worker-1", in: controller) == "drain")
        let audit = try String(contentsOfFile: auditPath, encoding: .utf8)
        #expect(audit.contains(SwarmNodesPane.nodeActionID))

        controller.handle(.char("u"))
        await controller.settle()
        #expect(screen.text().contains("Undo: Activate node worker-1"))
        controller.handle(.char("y"))
        await controller.settle()
        #expect(availability(of: "worker-1", in: controller) == "active")
    }

    @Test func readOnlyRefusesTheNodeAction() async throws {
        let (controller, _, _) = try Self.console()
        controller.handle(.char("R"))
        controller.start()
        await controller.settle()
        try Self.select("worker-1", in: controller)
        controller.handle(.char("f"))
        await controller.settle()
        #expect(controller.model.dialog == nil)
        #expect(availability(of: "worker-1", in: controller) == "active")
    }
}
