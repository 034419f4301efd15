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

/// Real ncurses, on /dev/null: curses state is process-global, so these run one at a time.
@Suite("CursesTerminal (headless)", .serialized)
@MainActor
struct ScreenCursesTests {
    private func terminal(_ type: String = "xterm-256color", rows: Int = 10, cols: Int = 40,
                          theme: Theme = .builtInDefault,
                          environment: [String: String] = [:]) throws -> CursesTerminal {
        try CursesTerminal(theme: theme, device: .headless(terminalType: type, rows: rows, cols: cols),
                           environment: environment)
    }

    @Test("draws text, wide glyphs and boxes into real curses cells")
    func drawAndReadBack() throws {
        let term = try terminal()
        defer { term.shutdown() }
        #expect(term.rows == 10 && term.cols == 40)
        #expect(term.colourEnabled)
        #expect(term.isUTF8)

        term.clear()
        term.box(row: 0, col: 0, height: 4, width: 12, role: .border)
        term.put(row: 1, col: 1, "prod", role: .production)
        term.put(row: 2, col: 1, "日本x", role: .error, width: 8)
        term.put(row: 9, col: 36, "edge-of-screen", role: .selected)
        term.flush()

        let corner = try #require(term.cell(atRow: 0, col: 0))
        #expect(corner.character == "┌")
        #expect(term.cell(atRow: 0, col: 5)?.character == "─")
        #expect(term.cell(atRow: 3, col: 11)?.character == "┘")

        let p = try #require(term.cell(atRow: 1, col: 1))
        #expect(p.character == "p")
        #expect(p.bold)
        let productionPair = Int16(StyleRole.allCases.firstIndex(of: .production)! + 1)
        #expect(p.pair == productionPair)

        #expect(term.cell(atRow: 2, col: 1)?.character == "日")
        #expect(term.cell(atRow: 2, col: 3)?.character == "本")
        #expect(term.cell(atRow: 2, col: 5)?.character == "x")
        #expect(term.cell(atRow: 2, col: 8)?.character == " ")

        #expect(term.cell(atRow: 9, col: 39)?.character == "e")
        #expect(term.cell(atRow: 9, col: 39)?.reverse == true)
        #expect(term.cell(atRow: 10, col: 0) == nil)
    }

    @Test("reading keys from an empty input times out to nil")
    func readKeyTimesOut() throws {
        let term = try terminal()
        defer { term.shutdown() }
        #expect(term.readKey(timeoutMilliseconds: 0) == nil)
    }

    @Test("shutdown is idempotent and drawing afterwards is a no-op")
    func shutdownTwice() throws {
        let term = try terminal()
        term.shutdown()
        term.shutdown()
        term.put(row: 0, col: 0, "late", role: .normal)
        term.flush()
        #expect(term.rows == 0)
        #expect(term.readKey(timeoutMilliseconds: 0) == nil)
    }

    @Test("an unknown TERM is a typed error, not an exit")
    func unknownTerminal() {
        #expect(throws: TerminalError.unknownTerminal("no-such-terminal-xyz")) {
            _ = try terminal("no-such-terminal-xyz")
        }
    }

    @Test("NO_COLOR and colourless terminals draw in monochrome")
    func monochrome() throws {
        let noColor = try terminal(environment: ["NO_COLOR": "1"])
        #expect(!noColor.colourEnabled)
        #expect(noColor.theme == .monochrome)
        noColor.put(row: 0, col: 0, "sel", role: .selected)
        #expect(noColor.cell(atRow: 0, col: 0)?.reverse == true)
        #expect(noColor.cell(atRow: 0, col: 0)?.pair == 0)
        noColor.shutdown()

        let vt100 = try terminal("vt100")
        #expect(!vt100.colourEnabled)
        #expect(vt100.theme == .monochrome)
        vt100.shutdown()
    }

    @Test("a theme can be switched while running")
    func switchTheme() throws {
        let term = try terminal(theme: .monochrome)
        defer { term.shutdown() }
        #expect(!term.colourEnabled)
        term.apply(theme: .builtInDefault)
        #expect(term.colourEnabled)
        term.put(row: 0, col: 0, "ok", role: .ok)
        #expect(term.cell(atRow: 0, col: 0)?.pair == Int16(StyleRole.allCases.firstIndex(of: .ok)! + 1))
    }
}
