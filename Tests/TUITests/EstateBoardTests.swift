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
@testable import TUI
import TestKit

/// The estate board (issue 13): with several clusters the console opens on one row per
/// cluster; Enter opens one, Esc returns, `c` cycles; read-only is a lock.
@MainActor @Suite struct EstateBoardTests {
    static func controller(readOnly: Bool = false, rows: Int = 40, cols: Int = 160, mark: ((inout Target) -> Void)? = nil) async throws -> (ConsoleController, GridScreen) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tui-estate-\(UUID().uuidString)").path
        let audit = try AuditLog(path: dir + "/audit.jsonl")
        let registry = PlatformRegistry.standard
        let sessions = try DemoScenario.estate.makeAdapters(latencyMilliseconds: 0).map { adapter -> Session in
            var target = adapter.target
            mark?(&target)
            let plugin = registry.plugin(for: target.platform)!
            let marked = try registry.adapter(for: target, runner: adapter.runner)
            return Session(plugin: plugin, adapter: marked, audit: audit, verifyTimeoutSeconds: 2, backupDirectory: dir + "/backups")
        }
        let screen = GridScreen(rows: rows, cols: cols)
        let controller = ConsoleController(workspace: Workspace(sessions: sessions, parallel: 2), screen: screen, readOnly: readOnly, autoRefreshSeconds: nil)
        controller.start()
        await controller.settle()
        return (controller, screen)
    }

    @Test func theBoardHasARowPerClusterWithItsFacts() async throws {
        let (controller, screen) = try await Self.controller()
        #expect(controller.model.showingBoard)
        let text = screen.text()
        for name in ["demo-workflow", "dvp-north", "dvp-south", "demo-deis-v1", "demo-swarm", "demo-etcd"] {
            #expect(text.contains(name), "\(name) missing from the board")
        }
        #expect(text.contains("Estate (6)"))
        #expect(text.contains("CLUSTER") && text.contains("READINESS") && text.contains("QUORUM") && text.contains("NEXT WINDOW"))
        let rows = (0..<screen.rows).map { screen.row($0) }
        let etcd = try #require(rows.first { $0.contains("demo-etcd") })
        // One of three members is stopped in the etcd demo: quorum holds, no more failures tolerated.
        #expect(etcd.contains("2/3, tolerates 0"))
        let swarm = try #require(rows.first { $0.contains("demo-swarm") })
        #expect(swarm.contains("Docker Swarm") && swarm.contains("1/1 mgr, tolerates 0"))
        let north = try #require(rows.first { $0.contains("dvp-north") })
        #expect(north.contains(" UTC, in ") || north.contains("open now"), "the next update window: \(north)")
        let workflow = try #require(rows.first { $0.contains("demo-workflow") })
        #expect(workflow.contains("WF-") || workflow.contains("NODES-READY"), "the worst finding is shown: \(workflow)")
        #expect(workflow.range(of: #"\d+C|\d+E"#, options: .regularExpression) != nil, "failing rules by severity: \(workflow)")
    }

    @Test func enterOpensAClusterEscReturnsAndCCycles() async throws {
        let (controller, screen) = try await Self.controller()
        controller.handle(.char("j"))
        controller.handle(.enter)
        controller.drawNow()
        #expect(!controller.model.showingBoard && controller.model.current == 1)
        #expect(screen.text().contains("Update windows"))
        controller.handle(.escape)
        controller.drawNow()
        #expect(controller.model.showingBoard && controller.model.boardSelection == 1)
        controller.handle(.char("c"))
        #expect(controller.model.boardSelection == 2)
        controller.handle(.enter)
        controller.handle(.char("c"))
        #expect(controller.model.current == 3 && !controller.model.showingBoard)
    }

    @Test func changesWaitForAClusterToBeOpen() async throws {
        let (controller, _) = try await Self.controller()
        controller.handle(.char("f"))
        #expect(controller.model.dialog == nil && controller.model.message?.contains("open a cluster first") == true)
    }

    @Test func aClusterMarkedReadOnlyInTheEstateCannotBeChangedAndRCannotLiftIt() async throws {
        let (controller, _) = try await Self.controller { target in
            if target.platform == .workflow { target.readOnly = true }
        }
        controller.handle(.enter)   // demo-workflow, the first row
        #expect(controller.model.target.readOnly)
        for binding in KeyMap.standard.bindings(in: .console) where binding.mutating {
            for key in binding.keys {
                controller.handle(key)
                #expect(controller.model.dialog == nil, "\(key) opened a dialog on a read-only cluster")
                #expect(controller.model.message?.contains("marked readOnly in the estate file") == true)
            }
        }
        controller.handle(.char("R"))
        controller.handle(.char("R"))
        controller.handle(.char("f"))
        #expect(controller.model.dialog == nil && controller.model.message?.contains("marked readOnly in the estate file") == true)
    }

    @Test func theBoardRowOfAProductionClusterCarriesItsBadge() async throws {
        let (_, screen) = try await Self.controller { target in
            if target.name == "demo-swarm" { target.production = true; target.readOnly = true }
        }
        let row = try #require((0..<screen.rows).map { screen.row($0) }.first { $0.contains("demo-swarm") })
        #expect(row.contains("PROD RO"))
    }
}
