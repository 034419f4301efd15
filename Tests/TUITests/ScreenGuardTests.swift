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

@Suite("TerminalGuard")
struct ScreenGuardTests {
    @Test("exit codes follow the 128 + signal convention")
    func exitCodes() {
        #expect(TerminalGuard.exitCode(for: SIGINT) == 130)
        #expect(TerminalGuard.exitCode(for: SIGTERM) == 143)
        #expect(TerminalGuard.exitCode(for: SIGHUP) == 129)
    }

    @Test("the fallback sequence leaves the alternate screen and shows the cursor")
    func fallback() {
        #expect(TerminalGuard.fallbackSequence.contains("\u{1b}[?1049l"))
        #expect(TerminalGuard.fallbackSequence.contains("\u{1b}[?25h"))
        #expect(TerminalGuard.fallbackSequence.contains("\u{1b}[0m"))
    }

    @Test("restore does nothing while disarmed")
    func disarmedRestoreIsSilent() {
        #expect(!TerminalGuard.shared.isArmed)
        TerminalGuard.emergencyRestore()
        #expect(!TerminalGuard.shared.isArmed)
    }
}
