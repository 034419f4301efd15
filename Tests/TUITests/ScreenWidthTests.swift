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

@Suite("Display width and line layout")
struct ScreenWidthTests {
    @Test("widths: ASCII 1, CJK and emoji 2, controls and combining marks 0")
    func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{1b}[0m") == 3)
        #expect(DisplayWidth.of(Character("\t")) == 0)
        #expect(DisplayWidth.of(Character("\u{85}")) == 0)
        #expect(DisplayWidth.of("│─┌") == 3)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test("clip keeps whole glyphs only")
    func clip() {
        #expect(DisplayWidth.clip("abcdef", to: 3) == "abc")
        #expect(DisplayWidth.clip("日本語", to: 5) == "日本")
        #expect(DisplayWidth.clip("a\u{7}b", to: 5) == "ab")
        #expect(DisplayWidth.clip("abc", to: 0) == "")
        #expect(DisplayWidth.clip("abc", to: -1) == "")
    }

    @Test("pad fills to the exact width")
    func pad() {
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
        #expect(DisplayWidth.pad("日本語", to: 5) == "日本 ")
        #expect(DisplayWidth.pad("abcdef", to: 3) == "abc")
    }

    @Test("layout covers exactly the visible span")
    func layout() {
        #expect(LineLayout("abc", col: 2, width: nil, screenCols: 10) == LineLayout.make(2, "abc", 3))
        #expect(LineLayout("abc", col: 2, width: 5, screenCols: 10) == LineLayout.make(2, "abc  ", 5))
        #expect(LineLayout("abc", col: 8, width: 5, screenCols: 10) == LineLayout.make(8, "ab", 2))
        #expect(LineLayout("日本", col: -1, width: nil, screenCols: 10) == LineLayout.make(0, " 本", 3))
        #expect(LineLayout("日本", col: 0, width: 3, screenCols: 10) == LineLayout.make(0, "日 ", 3))
        #expect(LineLayout("abc", col: 10, width: nil, screenCols: 10) == nil)
        #expect(LineLayout("abc", col: -3, width: nil, screenCols: 10) == nil)
        #expect(LineLayout("", col: 0, width: nil, screenCols: 10) == nil)
        #expect(LineLayout("", col: 0, width: 0, screenCols: 10) == nil)
        #expect(LineLayout("x", col: 0, width: -4, screenCols: 10) == nil)
    }
}

extension LineLayout {
    static func make(_ start: Int, _ text: String, _ cells: Int) -> LineLayout? {
        var layout = LineLayout("x", col: 0, width: nil, screenCols: 1)!
        layout.start = start
        layout.text = text
        layout.cells = cells
        return layout
    }
}
