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

/// The Swarm panes drawn from the demo on the in-memory grid: what an operator sees,
/// and what must never appear (the Postgres password the sandbox holds).
@MainActor
@Suite struct SwarmPanesTests {
    static let password = "demo-pg-Secret-do-not-show"

    static func model() async throws -> AppModel {
        let adapter = try DemoScenario.swarm.makeAdapter(latencyMilliseconds: 0)
        let session = Session(adapter: adapter, audit: try AuditLog(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("shipshape-\(UUID().uuidString)/audit.jsonl").path))
        var model = AppModel(target: adapter.target, readOnly: false)
        model.snapshot = await session.refresh()
        return model
    }

    static func render(_ model: AppModel, rows: Int = 45, cols: Int = 160) -> GridScreen {
        let grid = GridScreen(rows: rows, cols: cols)
        Renderer.draw(model, on: grid)
        return grid
    }

    @Test func nodesPaneShowsRolesAvailabilityAndTasks() async throws {
        let model = try await Self.model()
        let grid = Self.render(model)
        let text = grid.text()
        #expect(text.contains("2 node(s) · 1 manager(s) · 1 worker(s) · 2 task(s) on managers"))
        let managerRow = try #require(grid.text().split(separator: "\n").firstIndex { $0.contains("mgr-1") && $0.contains("leader") })
        #expect(grid.row(managerRow).contains("leader active ready  2"))
        #expect(grid.role(atRow: managerRow, col: 1) == .info, "managers are highlighted")
        #expect(text.split(separator: "\n").contains { $0.contains("worker-1") && $0.contains("worker active ready  2") })
    }

    @Test func ingressPaneShowsPortsAndTheNodesThatServeThem() async throws {
        let text = Self.render(try await Self.model()).text()
        #expect(text.contains("Ingress (3)"))
        #expect(text.contains("DNS A record → manager mgr-1 198.51.100.11"))
        #expect(text.contains("80/tcp   web:8080") && text.contains("ingress all 2 node(s)"))
        #expect(text.contains("9000/tcp api:9000") && text.contains("host    worker-1"))
    }

    @Test func passwordIsNeverOnScreenInAnyPaneOrDialog() async throws {
        var model = try await Self.model()
        var screens = [Self.render(model).text()]
        for pane in model.panes {
            model.focus = pane
            for index in 0..<max(model.rowCount(pane), 1) {
                model.selection[pane] = index
                model.dialog = DetailsBuilder.details(for: model)
                screens.append(Self.render(model).text())
            }
        }
        model.dialog = nil
        #expect(screens.contains { $0.contains("POSTGRES_PASSWORD") })
        #expect(!screens.contains { $0.contains(Self.password) })
    }

    @Test func unreadableSwarmShowsTheProbeMessageInBothPanes() async throws {
        var model = try await Self.model()
        model.snapshot?.state.swarm = .failed(ProbeError(.unreachable, "nodes: no Docker daemon at unix:///x.sock: the socket /x.sock does not exist — dockerd is not running"))
        let text = Self.render(model).text()
        #expect(text.components(separatedBy: "⚠ nodes: no Docker daemon at").count - 1 == 2, "\(text)")
        // Wrapped to the pane, every word of it is there.
        #expect(text.contains("dockerd is not") && text.contains("running"))
    }

    @Test func nodeDetailsListLabelsAndTasks() async throws {
        var model = try await Self.model()
        model.focus = .nodes
        model.selection[.nodes] = 1
        guard case .details(let view)? = DetailsBuilder.details(for: model) else { Issue.record("no details"); return }
        #expect(view.title == "worker-1")
        #expect(view.lines.contains("  tier=app") && view.lines.contains("  db.1  running"))
    }
}
