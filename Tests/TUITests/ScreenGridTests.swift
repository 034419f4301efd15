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

@Suite("GridScreen")
struct ScreenGridTests {
    @Test("text is rows joined by newlines, trailing spaces trimmed")
    func textMatchesLines() {
        let grid = GridScreen(rows: 3, cols: 10)
        grid.put(row: 0, col: 0, "nodes", role: .title)
        grid.put(row: 1, col: 2, "ok  ", role: .ok)
        #expect(grid.text() == "nodes\n  ok\n")
        #expect(grid.row(1) == "  ok")
        #expect(grid.row(1, trimming: false) == "  ok      ")
        #expect(grid.role(atRow: 0, col: 4) == .title)
        #expect(grid.role(atRow: 1, col: 2) == .ok)
        #expect(grid.role(atRow: 2, col: 0) == .normal)
    }

    @Test("clips at the right edge and never writes outside")
    func clipsRight() {
        let grid = GridScreen(rows: 2, cols: 5)
        grid.put(row: 0, col: 3, "abcdef", role: .normal)
        #expect(grid.row(0) == "   ab")
        grid.put(row: 1, col: 5, "x", role: .normal)
        grid.put(row: 2, col: 0, "x", role: .normal)
        grid.put(row: -1, col: 0, "x", role: .normal)
        #expect(grid.text() == "   ab\n")
    }

    @Test("negative columns drop the hidden part")
    func clipsLeft() {
        let grid = GridScreen(rows: 1, cols: 6)
        grid.put(row: 0, col: -2, "abcdef", role: .normal)
        #expect(grid.row(0) == "cdef")
    }

    @Test("width clips and pads, so a shorter redraw leaves no stale tail")
    func padsToWidth() {
        let grid = GridScreen(rows: 1, cols: 12)
        grid.put(row: 0, col: 0, "ready-node-1", role: .normal)
        grid.put(row: 0, col: 0, "down", role: .error, width: 8)
        #expect(grid.row(0) == "down    de-1")
        #expect(grid.role(atRow: 0, col: 7) == .error)
        #expect(grid.role(atRow: 0, col: 8) == .normal)
        grid.put(row: 0, col: 2, "abcdefgh", role: .normal, width: 3)
        #expect(grid.row(0) == "doabc   de-1")
    }

    @Test("wide glyphs take two cells and show once in text")
    func wideGlyphs() {
        let grid = GridScreen(rows: 1, cols: 8)
        grid.put(row: 0, col: 0, "日本x", role: .normal)
        #expect(grid.row(0) == "日本x")
        #expect(grid.character(atRow: 0, col: 0) == "日")
        #expect(grid.character(atRow: 0, col: 1) == nil)
        #expect(grid.character(atRow: 0, col: 2) == "本")
        #expect(grid.character(atRow: 0, col: 4) == "x")
    }

    @Test("a wide glyph that does not fit whole becomes a space")
    func wideGlyphAtEdges() {
        let grid = GridScreen(rows: 3, cols: 5)
        grid.put(row: 0, col: 0, "abcd日", role: .normal)
        #expect(grid.row(0, trimming: false) == "abcd ")
        grid.put(row: 1, col: -1, "日x", role: .normal)
        #expect(grid.row(1, trimming: false) == " x   ")
        grid.put(row: 2, col: 0, "a日b", role: .normal, width: 2)
        #expect(grid.row(2, trimming: false) == "a    ")
    }

    @Test("overwriting half of a wide glyph blanks the other half")
    func overwriteWideGlyph() {
        let grid = GridScreen(rows: 2, cols: 6)
        grid.put(row: 0, col: 0, "日本", role: .normal)
        grid.put(row: 0, col: 1, "x", role: .normal)
        #expect(grid.row(0) == " x本")
        grid.put(row: 1, col: 0, "日本", role: .normal)
        grid.put(row: 1, col: 2, "y", role: .normal)
        #expect(grid.row(1) == "日y")
    }

    @Test("control characters are not drawn")
    func dropsControls() {
        let grid = GridScreen(rows: 1, cols: 10)
        grid.put(row: 0, col: 0, "a\u{1b}[31mb\tc\u{7}", role: .normal)
        #expect(grid.row(0) == "a[31mbc")
    }

    @Test("box draws a single-line frame and leaves the inside alone")
    func box() {
        let grid = GridScreen(rows: 4, cols: 8)
        grid.put(row: 1, col: 1, "inside", role: .normal)
        grid.box(row: 0, col: 0, height: 4, width: 6, role: .border)
        #expect(grid.text() == """
            ┌────┐
            │insi│e
            │    │
            └────┘
            """)
        #expect(grid.role(atRow: 0, col: 0) == .border)
        #expect(grid.role(atRow: 1, col: 1) == .normal)
    }

    @Test("box clips at the edges and ignores frames smaller than 2 × 2")
    func boxClips() {
        let grid = GridScreen(rows: 3, cols: 4)
        grid.box(row: 1, col: 2, height: 5, width: 5, role: .border)
        #expect(grid.text() == "\n  ┌─\n  │")
        let small = GridScreen(rows: 2, cols: 2)
        small.box(row: 0, col: 0, height: 1, width: 2, role: .border)
        #expect(small.text() == "\n")
    }

    @Test("fill paints a rectangle and clear blanks everything")
    func fillAndClear() {
        let grid = GridScreen(rows: 3, cols: 4)
        grid.put(row: 0, col: 0, "abcd", role: .normal)
        grid.fill(row: 0, col: 1, width: 2, height: 5, role: .dialog)
        #expect(grid.row(0) == "a  d")
        #expect(grid.role(atRow: 2, col: 2) == .dialog)
        #expect(grid.role(atRow: 2, col: 3) == .normal)
        grid.clear()
        #expect(grid.text() == "\n\n")
        #expect(grid.role(atRow: 2, col: 2) == .normal)
    }

    @Test("resize keeps what fits and cuts wide glyphs at the new edge")
    func resize() {
        let grid = GridScreen(rows: 2, cols: 6)
        grid.put(row: 0, col: 0, "ab日", role: .ok)
        grid.put(row: 1, col: 0, "second", role: .normal)
        grid.resize(rows: 3, cols: 3)
        #expect((grid.rows, grid.cols) == (3, 3))
        #expect(grid.text() == "ab\nsec\n")
        grid.resize(rows: 1, cols: 10)
        grid.put(row: 0, col: 6, "wide", role: .normal)
        #expect(grid.text() == "ab    wide")
    }

    @Test("flush is counted")
    func flushCount() {
        let grid = GridScreen(rows: 1, cols: 1)
        grid.flush()
        grid.flush()
        #expect(grid.flushCount == 2)
    }

    @Test("a 5,000-row pane frame draws only visible rows, fast")
    func framePerformance() {
        let grid = GridScreen(rows: 50, cols: 120)
        let lines = (0..<5000).map { "node-\($0)  Ready   10.0.\($0 / 256).\($0 % 256)  v1.29.3" }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<10 {
                for (r, line) in lines[2500..<2550].enumerated() {
                    grid.put(row: r, col: 0, line, role: .normal, width: 120)
                }
            }
        }
        #expect(grid.row(0).hasPrefix("node-2500"))
        // Generous bound for an unoptimised debug build; the target is < 1 ms in release.
        #expect(elapsed < .milliseconds(200))
    }
}
