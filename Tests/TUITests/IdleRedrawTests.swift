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

/// Between refreshes only the clock in the status line moves; the console redraws that line
/// alone (idle CPU at 5,000 nodes), and a whole frame whenever anything else changed.
@MainActor @Suite struct IdleRedrawTests {
    /// A console after its first refresh, drawn, with a mark in the middle of the panes that a
    /// whole-frame redraw would wipe.
    static func markedConsole() async throws -> (ConsoleController, GridScreen, Date) {
        let (controller, screen) = try ConsoleControllerTests.controller()
        controller.start()
        await controller.settle()
        let refreshed = try #require(controller.model.lastRefresh)
        controller.tick(now: refreshed)
        screen.put(row: 10, col: 5, "MARK", role: .normal)
        return (controller, screen, refreshed)
    }

    @Test func theAgeTickRedrawsOnlyTheStatusLine() async throws {
        let (controller, screen, refreshed) = try await Self.markedConsole()
        controller.tick(now: refreshed.addingTimeInterval(7.2))
        #expect(screen.row(10).contains("MARK"))
        #expect(screen.row(screen.rows - 2).contains("refreshed 7s ago"))
    }

    @Test func aChangeBesideTheAgeRedrawsTheWholeFrame() async throws {
        let (controller, screen, refreshed) = try await Self.markedConsole()
        controller.handle(.char("j"))
        controller.tick(now: refreshed.addingTimeInterval(3))
        #expect(!screen.row(10).contains("MARK"))
        #expect(screen.row(screen.rows - 2).contains("refreshed 3s ago"))
    }

    @Test func isBusyWhileARefreshIsInFlight() async throws {
        let (controller, _) = try ConsoleControllerTests.controller()
        controller.start()
        #expect(controller.isBusy)
        await controller.settle()
        #expect(!controller.isBusy)
    }
}
