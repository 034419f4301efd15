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

/// The console on the in-memory screen: what the operator would see, key by key.
@MainActor @Suite struct ConsoleControllerTests {
    static func controller(readOnly: Bool = false, rows: Int = 40, cols: Int = 120, scenario: String? = nil) throws -> (ConsoleController, GridScreen) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tui-\(UUID().uuidString)").path
        let sandbox = try KubeSandbox(scenarioJSON: scenario ?? DemoScenario.workflow.json)
        let kube = KubeTarget(kubeconfig: "(demo)", context: "demo")
        let adapter = WorkflowAdapter(target: Target(name: "demo", platform: .workflow, kube: kube), kube: kube,
                                      runner: SandboxRunner(tools: ["kubectl": PinnedKubeSandbox(sandbox, context: "demo")], latencyMilliseconds: 0))
        let session = Session(adapter: adapter, audit: try AuditLog(path: dir + "/audit.jsonl"), verifyTimeoutSeconds: 2)
        let screen = GridScreen(rows: rows, cols: cols)
        return (ConsoleController(session: session, screen: screen, readOnly: readOnly, autoRefreshSeconds: nil), screen)
    }

    @Test func firstPaintComesBeforeAnyProbe() throws {
        let (controller, screen) = try Self.controller()
        controller.start()
        #expect(screen.text().contains("loading…"))
        #expect(screen.text().contains("context: demo"))
    }

    @Test func fourPanesAndFindingsAfterRefresh() async throws {
        let (controller, screen) = try Self.controller()
        controller.start()
        await controller.settle()
        let text = screen.text()
        for title in ["Nodes (3)", "Router scale (1)", "Findings (13)", "Activity"] { #expect(text.contains(title)) }
        #expect(text.contains("NotReady"))
    }

    @Test func fixThenUndoThroughKeys() async throws {
        let (controller, screen) = try Self.controller()
        controller.start()
        await controller.settle()
        let index = try #require(controller.model.visibleFindings.firstIndex { $0.rule.id == "WF-ROUTER-SCALE" })
        for _ in 0..<index { controller.handle(.char("j")) }
        controller.handle(.char("f"))
        await controller.settle()
        #expect(screen.text().contains("Server dry run: accepted"))
        controller.handle(.char("y"))
        await controller.settle()
        #expect(controller.model.snapshot?.state.kubernetes.deployment("deis-router")?.desiredReplicas == 2)
        #expect(!controller.model.visibleFindings.contains { $0.rule.id == "WF-ROUTER-SCALE" })
        controller.handle(.char("u"))
        await controller.settle()
        controller.handle(.char("y"))
        await controller.settle()
        #expect(controller.model.snapshot?.state.kubernetes.deployment("deis-router")?.desiredReplicas == 1)
        #expect(controller.model.activity.elements.contains { $0.kind == .fix && $0.undone })
    }

    @Test func readOnlyIsEnforcedByTheDispatcher() async throws {
        let (controller, _) = try Self.controller(readOnly: true)
        controller.start()
        await controller.settle()
        controller.handle(.char("f"))
        #expect(controller.model.dialog == nil)
        #expect(controller.model.message?.contains("read-only") == true)
        // Started read-only, the session stays so: R is a lock, not a toggle (issue 13).
        controller.handle(.char("R"))
        #expect(controller.model.readOnly == true)
        #expect(controller.model.message?.contains("read-only is locked: the console was started with --read-only") == true)
        for key in KeyMap.standard.bindings(in: .console).filter(\.mutating).flatMap(\.keys) {
            controller.handle(key)
            #expect(controller.model.dialog == nil, "\(key) opened a dialog after R in a --read-only session")
        }
    }

    @Test func rTogglesASessionThatStartedWritable() async throws {
        let (controller, _) = try Self.controller(readOnly: false)
        controller.start()
        await controller.settle()
        controller.handle(.char("R"))
        #expect(controller.model.readOnly == true)
        controller.handle(.char("f"))
        #expect(controller.model.dialog == nil && controller.model.message?.contains("read-only") == true)
        controller.handle(.char("R"))
        #expect(controller.model.readOnly == false)
    }

    @Test func everyMutatingKeyIsRefusedInReadOnly() {
        var model = AppModel(target: StateFixtures.target, readOnly: true)
        for binding in KeyMap.standard.bindings(in: .console) where binding.mutating {
            for key in binding.keys {
                guard case .refused = Dispatcher.dispatch(key, model: model) else { Issue.record("\(key) not refused"); continue }
            }
        }
        model.readOnly = false
        #expect(Dispatcher.dispatch(.char("f"), model: model) == .perform(.fix))
    }

    @Test func tooSmallTerminalSaysSo() throws {
        let (controller, screen) = try Self.controller(rows: 10, cols: 40)
        controller.start()
        #expect(screen.text().contains("Terminal too small"))
        screen.resize(rows: 30, cols: 100)
        controller.handle(.resize)
        controller.tick()
        #expect(screen.text().contains("Findings"))
    }

    @Test func escapeSequencesInClusterNamesNeverReachTheScreen() async throws {
        let evil = DemoScenario.workflow.json.replacingOccurrences(of: "\"demo-node-2\"", with: "\"node-\\u001b]0;pwned\\u0007-2\"")
        let (controller, screen) = try Self.controller(scenario: evil)
        controller.start()
        await controller.settle()
        let text = screen.text()
        #expect(text.contains("node-?]0;pwned?"))
        #expect(!text.contains("\u{1b}"))
    }
}

enum StateFixtures {
    static let target = Target(name: "t", platform: .workflow, kube: KubeTarget(kubeconfig: "/k", context: "c"))
}
