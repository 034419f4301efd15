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

/// The frame drawn while targets are pinned and platforms detected.
@MainActor
struct StartupViewTests {
    let view = StartupView(target: "context: prod-eu", kubeconfig: "/home/op/.kube/config", production: true,
                           activity: "Detecting the platform", timeoutSeconds: 10)

    @Test func saysWhatItOpensAndWhatItWaitsFor() {
        let grid = GridScreen(rows: 24, cols: 100)
        view.draw(on: grid, elapsed: 3.7)
        #expect(grid.row(0).hasPrefix(" shipshape │ starting │ context: prod-eu │ kubeconfig: /home/op/.kube/config"))
        #expect(grid.row(0).hasSuffix("PRODUCTION"))
        #expect(grid.text().contains("Detecting the platform… 3s"))
        #expect(grid.text().contains("Each read gives up after 10s (--timeout)."))
        #expect(grid.row(23).contains("q or Ctrl-C"))
    }

    @Test func escapeSequencesInTheTargetAreNotDrawn() {
        var hostile = view
        hostile.target = "context: \u{1B}[31mred\u{7}"
        let grid = GridScreen(rows: 24, cols: 100)
        hostile.draw(on: grid, elapsed: 0)
        #expect(!grid.row(0).contains("\u{1B}"))
        #expect(!grid.row(0).contains("\u{7}"))
    }

    @Test func aTinyTerminalStillGetsALine() {
        let grid = GridScreen(rows: 2, cols: 12)
        view.draw(on: grid, elapsed: 0)
        #expect(grid.row(0) == "shipshape: s")
    }
}
