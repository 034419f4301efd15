import Foundation
import Testing
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
