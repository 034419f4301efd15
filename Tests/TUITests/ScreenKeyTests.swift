import CNcurses
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

@Suite("Key decoding and labels")
struct ScreenKeyTests {
    private func char(_ code: UInt32) -> Key? { KeyDecoder.decode(status: OK, code: code) }
    private func function(_ code: Int32) -> Key? {
        KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(bitPattern: code))
    }

    @Test("plain characters, including non-ASCII")
    func characters() {
        #expect(char(0x71) == .char("q"))
        #expect(char(0x20) == .char(" "))
        #expect(char(0xE9) == .char("é"))
        #expect(char(0x65E5) == .char("日"))
    }

    @Test("control bytes")
    func controls() {
        #expect(char(9) == .tab)
        #expect(char(10) == .enter)
        #expect(char(13) == .enter)
        #expect(char(27) == .escape)
        #expect(char(127) == .backspace)
        #expect(char(8) == .backspace)
        #expect(char(18) == .ctrl("r"))
        #expect(char(1) == .ctrl("a"))
        #expect(char(0) == .ctrl("@"))
        #expect(char(0x85) == nil)
    }

    @Test("function keys and resize")
    func functionKeys() {
        #expect(function(KEY_UP) == .up)
        #expect(function(KEY_DOWN) == .down)
        #expect(function(KEY_LEFT) == .left)
        #expect(function(KEY_RIGHT) == .right)
        #expect(function(KEY_PPAGE) == .pageUp)
        #expect(function(KEY_NPAGE) == .pageDown)
        #expect(function(KEY_HOME) == .home)
        #expect(function(KEY_END) == .end)
        #expect(function(KEY_ENTER) == .enter)
        #expect(function(KEY_BTAB) == .backTab)
        #expect(function(KEY_BACKSPACE) == .backspace)
        #expect(function(KEY_RESIZE) == .resize)
        #expect(function(KEY_F0 + 5) == nil)
        #expect(KeyDecoder.decode(status: ERR, code: 0) == nil)
    }

    @Test("labels for help texts")
    func labels() {
        #expect(Key.tab.label == "Tab")
        #expect(Key.backTab.label == "S-Tab")
        #expect(Key.up.label == "↑")
        #expect(Key.enter.label == "Enter")
        #expect(Key.char("q").label == "q")
        #expect(Key.char(" ").label == "Space")
        #expect(Key.ctrl("r").label == "C-r")
        #expect(Key.escape.label == "Esc")
    }
}
