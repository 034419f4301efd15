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

/// Living in the console (issue 15): filter, jump, command line, zoom, sort, details, Esc,
/// the message line and the key bar — on the in-memory screen, key by key.
@MainActor @Suite struct ConsoleNavigationTests {
    static func console(readOnly: Bool = false, rows: Int = 40, cols: Int = 120) async throws -> (ConsoleController, GridScreen) {
        let (controller, screen) = try ConsoleControllerTests.controller(readOnly: readOnly, rows: rows, cols: cols)
        controller.start()
        await controller.settle()
        return (controller, screen)
    }

    static func type(_ text: String, into controller: ConsoleController) {
        for character in text { controller.handle(.char(character)) }
    }

    static func lines(_ screen: GridScreen) -> [String] { (0..<screen.rows).map { screen.row($0) } }

    @Test func theFilterNarrowsAsItIsTypedHighlightsAndEscClears() async throws {
        let (controller, screen) = try await Self.console()
        controller.handle(.char("1"))
        #expect(controller.model.focus == .nodes)
        controller.handle(.char("/"))
        Self.type("NODE-3", into: controller)
        controller.drawNow()
        #expect(screen.text().contains("Nodes 1/3 /NODE-3"))
        let row = try #require(Self.lines(screen).firstIndex { $0.contains("demo-node-3") && $0.contains("NotReady") })
        #expect(!Self.lines(screen).contains { $0.contains("demo-node-1") && $0.contains("control-plane") })
        let col = try #require(screen.row(row).range(of: "node-3").map { screen.row(row).distance(from: screen.row(row).startIndex, to: $0.lowerBound) })
        #expect(screen.role(atRow: row, col: col) == .key, "the match is highlighted")
        controller.handle(.enter)
        #expect(controller.model.prompt == nil && controller.model.view(of: .nodes).filter == "NODE-3", "Enter keeps the filter")
        controller.refresh()
        await controller.settle()
        #expect(screen.text().contains("Nodes 1/3 /NODE-3"), "the filter survives a refresh")
        controller.handle(.escape)
        controller.drawNow()
        #expect(controller.model.view(of: .nodes).filter.isEmpty && screen.text().contains("Nodes (3)"))
    }

    @Test func numbersAndTabFollowTheScreen() async throws {
        let (wide, _) = try await Self.console(cols: 120)
        #expect(wide.orderedPanes == [.nodes, .router, .findings, .backups, .activity])
        wide.handle(.char("4"))
        #expect(wide.model.focus == .backups)
        wide.handle(.tab)
        #expect(wide.model.focus == .activity)
        wide.handle(.tab)
        #expect(wide.model.focus == .nodes)
        // Narrow: one stack, Findings on top, numbered from there.
        let (narrow, screen) = try await Self.console(rows: 24, cols: 80)
        #expect(narrow.orderedPanes.first == .findings)
        narrow.drawNow()
        #expect(screen.text().contains("1 Findings") && screen.text().contains("2 Nodes"))
        narrow.handle(.char("9"))
        #expect(narrow.model.message?.contains("there is no pane 9") == true)
    }

    @Test func theCommandLineFocusesCompletesAndRemembers() async throws {
        let (controller, screen) = try await Self.console()
        controller.handle(.char("1"))
        controller.handle(.char(":"))
        Self.type("fin", into: controller)
        controller.handle(.tab)
        #expect(controller.model.prompt?.text == "findings ")
        controller.handle(.enter)
        #expect(controller.model.focus == .findings && controller.model.prompt == nil)
        controller.handle(.char(":"))
        Self.type("windows", into: controller)
        controller.handle(.enter)
        #expect(controller.model.message?.contains("has no windows pane") == true && controller.model.messageIsError)
        controller.handle(.char(":"))
        controller.handle(.up)
        #expect(controller.model.prompt?.text == "windows")
        controller.handle(.up)
        #expect(controller.model.prompt?.text == "findings")
        controller.handle(.escape)
        #expect(controller.model.prompt == nil)
        controller.handle(.char(":"))
        Self.type("fix WF-R", into: controller)
        controller.handle(.tab)
        #expect(controller.model.prompt?.text == "fix WF-R", "two failing rules start so: WF-REGISTRATION and WF-ROUTER-SCALE")
        #expect(controller.model.prompt?.hint?.contains("WF-ROUTER-SCALE") == true)
        Self.type("OUTER-SCALE", into: controller)
        controller.handle(.enter)
        await controller.settle()
        #expect(screen.text().contains("Server dry run: accepted"))
        #expect(controller.model.selectedFinding?.rule.id == "WF-ROUTER-SCALE")
    }

    @Test func fixFromTheCommandLineIsRefusedReadOnly() async throws {
        let (controller, _) = try await Self.console(readOnly: true)
        controller.handle(.char(":"))
        Self.type("fix WF-ROUTER-SCALE", into: controller)
        controller.handle(.enter)
        await controller.settle()
        #expect(controller.model.dialog == nil)
        #expect(controller.model.message?.contains("read-only: ':fix WF-ROUTER-SCALE' is disabled") == true)
    }

    @Test func zoomFillsTheScreenAndSortMarksTheHeader() async throws {
        let (controller, screen) = try await Self.console()
        controller.handle(.char("1"))
        controller.handle(.char("z"))
        controller.drawNow()
        #expect(screen.text().contains("1 Nodes (3)") && !screen.text().contains("Findings ("), "only the zoomed pane is drawn")
        controller.handle(.char("z"))
        controller.drawNow()
        #expect(screen.text().contains("Findings ("))
        controller.handle(.char("3"))
        let before = controller.model.shownFindingRows.map(\.finding.rule.id)
        #expect(screen.text().contains("SEV▲"), "Findings sort by severity by default")
        controller.handle(.char("s"))
        controller.drawNow()
        #expect(screen.text().contains("RULE▲"))
        let byRule = controller.model.shownFindingRows.map(\.finding.rule.id)
        #expect(byRule == byRule.sorted() && byRule != before)
        controller.handle(.char("S"))
        controller.drawNow()
        #expect(screen.text().contains("RULE▼") && controller.model.shownFindingRows.map(\.finding.rule.id) == byRule.reversed())
        controller.refresh()
        await controller.settle()
        #expect(controller.model.shownFindingRows.map(\.finding.rule.id) == byRule.reversed(), "the sort survives a refresh")
    }

    @Test func detailsWrapLongTextWholeAndNFindsTheMatches() async throws {
        let (controller, screen) = try await Self.console(rows: 16, cols: 60)
        controller.handle(.char("/"))
        Self.type("registration", into: controller)
        controller.handle(.enter)
        controller.handle(.enter)
        guard case .details(let view)? = controller.model.dialog else { Issue.record("no details"); return }
        #expect(view.search == "registration", "the filter is searched in the details")
        let finding = try #require(controller.model.selectedFinding)
        // Every word of the rationale is on some screen of the view, scrolling down.
        var seen = ""
        for _ in 0..<30 {
            controller.drawNow()
            seen += screen.text()
            controller.handle(.char("j"))
        }
        for word in finding.rule.rationale.split(separator: " ") where word.count > 3 {
            #expect(seen.contains(word), "“\(word)” of the rationale never shown")
        }
        controller.handle(.char("g"))
        controller.handle(.char("n"))
        #expect(controller.model.message?.hasPrefix("match ") == true)
        controller.handle(.escape)
        #expect(controller.model.dialog == nil && controller.model.view(of: .findings).filter == "registration", "Esc closes the dialog first")
        controller.handle(.escape)
        #expect(controller.model.view(of: .findings).filter.isEmpty, "then clears the filter")
    }

    @Test func theMessageHasItsOwnLineAndTheKeyBarThePanesKeys() async throws {
        let (controller, screen) = try await Self.console(rows: 24, cols: 80)
        controller.handle(.char("2"))   // Nodes: nothing to fix there
        controller.handle(.char("f"))
        controller.drawNow()
        let message = try #require(controller.model.message)
        #expect(screen.row(screen.rows - 2).contains(String(message.prefix(60))), "the message is whole on its line")
        #expect(!screen.row(screen.rows - 1).contains("nothing"), "the key bar is a line of its own")
        controller.handle(.char("1"))
        controller.drawNow()
        #expect(screen.row(screen.rows - 1).hasPrefix(" f fix  m mark"))
    }

    @Test func aSmallTerminalFoldsPanesButKeepsTheFocusedOne() async throws {
        let (controller, screen) = try await Self.console(rows: 16, cols: 60)
        controller.handle(.char("2"))
        controller.drawNow()
        let text = screen.text()
        #expect(text.contains("demo-node-3"), "the focused Nodes pane shows its rows")
        let findings = ConsolePanes.source(.findings, model: controller.model).rowCount
        #expect(findings > 0 && text.contains("── 1 Findings (\(findings)) ──"), "Findings folds to its title line")
    }
}
