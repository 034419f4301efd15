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

/// The Deckhouse console on the in-memory grid: the update windows week grid for both demo
/// clusters, overlap marks, switching the current cluster, all clusters' findings, and the
/// add-window form from typing to confirmation and undo.
@MainActor @Suite struct UpdateWindowsPaneTests {
    static func controller(readOnly: Bool = false, rows: Int = 44, cols: Int = 140,
                           prepare: (([any PlatformAdapter]) async throws -> Void)? = nil) async throws -> (ConsoleController, GridScreen) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tui-dh-\(UUID().uuidString)").path
        let audit = try AuditLog(path: dir + "/audit.jsonl")
        let adapters = try DemoScenario.deckhouse.makeAdapters(latencyMilliseconds: 0)
        try await prepare?(adapters)
        let workspace = Workspace(sessions: adapters.map { Session(adapter: $0, audit: audit, verifyTimeoutSeconds: 2) })
        let screen = GridScreen(rows: rows, cols: cols)
        let controller = ConsoleController(workspace: workspace, screen: screen, readOnly: readOnly, autoRefreshSeconds: nil)
        controller.start()
        await controller.settle()
        // Two clusters open on the estate board; Enter opens the first.
        #expect(controller.model.showingBoard)
        controller.handle(.enter)
        controller.drawNow()
        return (controller, screen)
    }

    /// Presses `j` until the findings pane selects `ruleID` (on `cluster`, when given).
    static func select(_ ruleID: String, cluster: String? = nil, in controller: ConsoleController) throws {
        let index = try #require(controller.model.visibleFindingRows.firstIndex {
            $0.finding.rule.id == ruleID && (cluster == nil || controller.model.clusters[$0.cluster].target.name == cluster)
        })
        controller.handle(.char("g"))
        for _ in 0..<index { controller.handle(.char("j")) }
    }

    static func lines(_ screen: GridScreen) -> [String] {
        (0..<screen.rows).map { screen.row($0) }
    }

    @Test func weekGridShowsBothClustersWithTheirNextWindow() async throws {
        let (controller, screen) = try await Self.controller()
        #expect(controller.model.panes == [.nodes, .windows, .findings, .releases, .backups, .activity])
        let text = screen.text()
        #expect(text.contains("Update windows (2)"))
        #expect(text.contains("context: dvp-north │ cluster 1/2 (c: next)"))
        #expect(text.contains("● dvp-north  Alpha · AutoPatch · "))
        #expect(text.contains("  dvp-south  Stable · Auto · "))
        let rows = Self.lines(screen)
        // North: Saturday 01:00–05:00. South: Sat/Sun 03:00–06:00 and Wed 22:00 to Thu 02:00.
        #expect(rows.contains { $0.contains("│Sat ·████···················") })
        #expect(rows.contains { $0.contains("│Sat ···███··················") })
        #expect(rows.contains { $0.contains("│Wed ······················██") })
        #expect(rows.contains { $0.contains("│Thu ██······················") })
        #expect(!rows.contains { $0.contains("▓") && !$0.contains("same-channel overlap") }, "different channels: overlapping windows are fine")
        #expect(text.contains("2 master · 1 frontend · 0 monitoring · 2 system"))
    }

    @Test func nextWindowIsCountedFromNow() throws {
        let settings = DeckhouseUpdateSettings(releaseChannel: "Stable", mode: "Auto",
                                               rawWindows: [UpdateWindowSpec(from: "1:00", to: "5:00", days: ["Sat"])])
        var source = UpdateWindowsPaneSource(clusters: [], current: 0)
        source.now = ISO8601DateFormatter().date(from: "2025-06-06T23:30:00Z")!
        #expect(source.nextText(settings) == "Sat 01:00 UTC, in 1h 30m")
        source.now = ISO8601DateFormatter().date(from: "2025-06-07T02:00:00Z")!
        #expect(source.nextText(settings) == "open now, until Sat 05:00")
        #expect(source.nextText(DeckhouseUpdateSettings(releaseChannel: "Stable", mode: "Manual", rawWindows: [])) == "on approval (Manual)")
        #expect(source.nextText(DeckhouseUpdateSettings(releaseChannel: "Stable", mode: nil, rawWindows: [])) == "any time (no windows)")
    }

    @Test func channelFixMarksTheOverlapOnBothClustersAndUndoNeedsTheContextName() async throws {
        let (controller, screen) = try await Self.controller()
        try Self.select("DH-RELEASE-CHANNEL", in: controller)
        controller.handle(.char("f"))
        await controller.settle()
        #expect(screen.text().contains("Server dry run: accepted"))
        #expect(screen.text().contains("--type=merge"))
        controller.handle(.char("y"))
        await controller.settle()
        let text = screen.text()
        #expect(text.contains("● dvp-north  Stable · Auto"))
        let rows = Self.lines(screen)
        #expect(rows.filter { $0.contains("│Sat ·██▓▓") || $0.contains("│Sat ···▓▓█") }.count == 2, "\(text)")
        #expect(text.contains("▓ overlaps dvp-south: Sat 03:00–05:00"))
        #expect(text.contains("▓ overlaps dvp-north: Sat 03:00–05:00"))
        #expect(controller.model.activity.elements.contains { $0.kind == .fix && $0.cluster == "dvp-north" })

        // Undo goes back to Alpha: a less stable channel, so the context name must be typed.
        controller.handle(.char("u"))
        await controller.settle()
        #expect(screen.text().contains("type the context name to confirm"))
        controller.handle(.char("y"))
        #expect(controller.model.dialog != nil, "y alone does not confirm a high-risk fix")
        controller.handle(.backspace)
        for character in "dvp-north" { controller.handle(.char(character)) }
        controller.handle(.enter)
        await controller.settle()
        #expect(screen.text().contains("● dvp-north  Alpha · Auto"))
        #expect(!screen.text().contains("▓ overlaps"))
    }

    @Test func cKeySwitchesTheCurrentClusterAndAShowsAllFindings() async throws {
        let (controller, screen) = try await Self.controller()
        #expect(controller.model.visibleFindings.count == 13)
        controller.handle(.char("c"))
        controller.drawNow()
        #expect(controller.model.target.name == "dvp-south")
        #expect(screen.text().contains("context: dvp-south │ cluster 2/2"))
        #expect(screen.text().contains("● dvp-south  Stable"))
        #expect(controller.model.visibleFindings.map(\.rule.id) == ["DH-BACKUP-OFFSITE", "DH-DR-PLAN"])
        controller.handle(.char("A"))
        controller.drawNow()
        #expect(screen.text().contains("Findings · all clusters (15)"))
        #expect(screen.text().contains("CLUSTER"))
        // A fix on another cluster's finding makes that cluster current first.
        try Self.select("DH-RELEASE-CHANNEL", cluster: "dvp-north", in: controller)
        controller.handle(.char("f"))
        await controller.settle()
        #expect(controller.model.target.name == "dvp-north")
        #expect(screen.text().contains("Target:  Deckhouse · ctx dvp-north"))
        controller.handle(.escape)
        controller.handle(.char("c"))
        controller.handle(.char("c"))
        #expect(controller.model.target.name == "dvp-north", "c wraps around")
    }

    @Test func windowFormValidatesThenAddsAndUndoes() async throws {
        let (controller, screen) = try await Self.controller()
        controller.handle(.char("c"))
        controller.handle(.char("a"))
        controller.drawNow()
        #expect(screen.text().contains("Add an update window"))
        #expect(screen.text().contains("Cluster: Deckhouse · ctx dvp-south"))
        // Days: replace the proposal with Tue; From: 25:00 (wrong); To: 05:30.
        for _ in 0..<10 { controller.handle(.backspace) }
        for character in "Tue" { controller.handle(.char(character)) }
        controller.handle(.tab)
        for _ in 0..<10 { controller.handle(.backspace) }
        for character in "25:00" { controller.handle(.char(character)) }
        controller.handle(.tab)
        for _ in 0..<10 { controller.handle(.backspace) }
        for character in "5:30" { controller.handle(.char(character)) }
        controller.handle(.enter)
        controller.drawNow()
        #expect(screen.text().contains("Refused: from \"25:00\" is not a time of day"))
        guard case .windowForm(let form)? = controller.model.dialog else { Issue.record("form closed"); return }
        #expect(form.focus == .to && form.days == "Tue" && form.to == "5:30")
        controller.handle(.backTab)
        for _ in 0..<5 { controller.handle(.backspace) }
        for character in "4:00" { controller.handle(.char(character)) }
        controller.drawNow()
        #expect(screen.text().contains("Adds: Tue 04:00–05:30 UTC, 1.5 h per opening day"))
        controller.handle(.enter)
        await controller.settle()
        #expect(screen.text().contains("Server dry run: accepted"))
        guard case .confirm(let plan, _, _)? = controller.model.dialog else { Issue.record("no confirmation"); return }
        #expect(plan.changes[0].from == "Sat,Sun 03:00–06:00; Wed 22:00–02:00")
        #expect(plan.changes[0].to == "Sat,Sun 03:00–06:00; Wed 22:00–02:00; Tue 04:00–05:30")
        #expect(plan.commands[0].arguments.contains("--context") && plan.commands[0].arguments.contains("dvp-south"))
        controller.handle(.char("y"))
        await controller.settle()
        let windows = controller.model.snapshot?.state.deckhouse.value?.settings.value?.rawWindows
        #expect(windows?.last == UpdateWindowSpec(from: "04:00", to: "05:30", days: ["Tue"]))
        #expect(Self.lines(screen).contains { $0.contains("│Tue ····██················") })
        controller.handle(.char("u"))
        await controller.settle()
        controller.handle(.char("y"))
        await controller.settle()
        #expect(controller.model.snapshot?.state.deckhouse.value?.settings.value?.rawWindows.count == 2)
    }

    @Test func findingWithoutWindowsOpensTheFormWithTheProposal() async throws {
        let (controller, screen) = try await Self.controller { adapters in
            let north = adapters[0]
            _ = try await north.runner.run(north.target.kube!.kubectl(["patch", "mc", "deckhouse", "--type=merge", "-p",
                                                                       #"{"spec":{"settings":{"update":{"windows":null}}}}"#]))
        }
        #expect(screen.text().contains("░░░░"), "no windows: any time")
        try Self.select("DH-UPDATE-WINDOWS", in: controller)
        controller.handle(.char("f"))
        controller.drawNow()
        guard case .windowForm(let form)? = controller.model.dialog else { Issue.record("no form"); return }
        #expect(form.days == "Sat,Sun" && form.from == "01:00" && form.to == "04:00")
        controller.handle(.escape)
        #expect(controller.model.dialog == nil)
        #expect(controller.model.message == "cancelled: no window added")
    }

    @Test func readOnlyRefusesTheWindowFormAndItsSubmit() async throws {
        let (controller, _) = try await Self.controller(readOnly: true)
        controller.handle(.char("a"))
        #expect(controller.model.dialog == nil)
        #expect(controller.model.message?.contains("read-only") == true)
        var model = controller.model
        model.dialog = .windowForm(WindowForm(cluster: 0, days: "Sat", from: "1:00", to: "2:00"))
        guard case .refused = Dispatcher.dispatch(.enter, model: model) else { Issue.record("submit not refused"); return }
        #expect(Dispatcher.dispatch(.char("x"), model: model) == .typed("x"))
        #expect(Dispatcher.dispatch(.tab, model: model) == .perform(.nextField))
    }

    @Test func windowFormOnANonDeckhouseClusterSaysWhy() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tui-\(UUID().uuidString)").path
        let session = Session(adapter: try DemoScenario.workflow.makeAdapter(latencyMilliseconds: 0), audit: try AuditLog(path: dir + "/a.jsonl"))
        let controller = ConsoleController(session: session, screen: GridScreen(rows: 40, cols: 120), readOnly: false, autoRefreshSeconds: nil)
        controller.start()
        await controller.settle()
        controller.handle(.char("a"))
        #expect(controller.model.dialog == nil)
        #expect(controller.model.message?.contains("has no update windows to edit") == true)
        controller.handle(.char("c"))
        #expect(controller.model.message?.contains("only one cluster") == true)
        #expect(!controller.model.panes.contains(.windows))
    }

    @Test func malformedWindowAndUnreadableSettingsAreShownInThePane() async throws {
        let (controller, screen) = try await Self.controller { adapters in
            let south = adapters[1]
            _ = try await south.runner.run(south.target.kube!.kubectl(["patch", "mc", "deckhouse", "--type=merge", "-p",
                                                                       #"{"spec":{"settings":{"update":{"windows":[{"from":"25:00","to":"2:00","days":["Caturday"]}]}}}}"#]))
        }
        #expect(screen.text().contains("⚠ window 1"))
        #expect(controller.model.clusters[1].snapshot?.findings.first { $0.rule.id == "DH-UPDATE-WINDOWS" }?.verdict == .fail)
    }
}
