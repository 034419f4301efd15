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

@Suite struct SanitizerTests {
    @Test func removesEscapeSequencesAndControls() {
        #expect(Sanitizer.line("a\u{1b}[31mred") == "a?[31mred")
        #expect(Sanitizer.line("x\u{9b}2J") == "x?2J")
        #expect(Sanitizer.line("tab\there\nnext") == "tab here next")
        #expect(Sanitizer.line("rtl\u{202E}txt") == "rtl?txt")
    }

    @Test func keepsUnicodeAndTruncates() {
        #expect(Sanitizer.line("nœud-ß-日本") == "nœud-ß-日本")
        #expect(Sanitizer.line(String(repeating: "a", count: 10), maxLength: 4) == "aaaa…")
    }

    @Test func commandDisplayQuotesOddArguments() {
        let command = Command("kubectl", ["--context", "prod cluster", "get", "it's"])
        #expect(command.displayLine == "kubectl --context 'prod cluster' get 'it'\\''s'")
    }
}
