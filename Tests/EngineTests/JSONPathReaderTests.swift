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

@Suite struct JSONPathReaderTests {
    let doc = Array(#"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","env":[{"name":"M","value":"x"}]}]}}}}"#.utf8)

    @Test func readsNumbersAndNamedElements() throws {
        #expect(try JSONPathReader.value(in: doc, at: ["spec", "replicas"]) == "2")
        #expect(try JSONPathReader.value(in: doc, at: ["spec", "template", "spec", "containers", "[name=a]", "env", "[name=M]", "value"]) == "x")
        #expect(try JSONPathReader.value(in: doc, at: ["spec", "template", "spec", "containers", "[name=b]"]) == nil)
    }

    @Test func rejectsNonJSON() {
        #expect(throws: (any Error).self) { try JSONPathReader.value(in: Array("nope".utf8), at: ["a"]) }
    }
}
