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

/// The console on the in-memory screen: what the operator would see, key by key.

/// The key table is one table: the README's key section is generated from it (and this test
/// fails when they differ, as lazydocker's cheatsheet check does), the help reads it, and
/// `keys.yaml` rebinds it strictly — an unknown action or key is an error with file:line, as the
/// policy and estate files are.
@MainActor @Suite struct KeyTableTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    @Test func theReadmeKeyTableIsTheConsolesTable() throws {
        let section = try #require(Self.readme.components(separatedBy: "### Keys\n").dropFirst().first, "README has no ### Keys section")
        let table = section.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        #expect(table.joined(separator: "\n") == KeyMap.standard.markdown,
                "README's key table is stale: regenerate it with `shipshape keys --standard`")
    }

    @Test func theReadmeExampleKeyFileLoads() throws {
        let section = try #require(Self.readme.components(separatedBy: "**Rebinding.**").dropFirst().first)
        let yaml = try #require(section.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let map = try KeyMapLoader().parse(yaml, file: "README.md")
        #expect(map.binding(for: .ctrl("n"), in: .console)?.action == .moveDown)
        #expect(map.binding(for: .char("Z"), in: .console)?.action == .zoom)
        #expect(map.binding(for: .char("z"), in: .console) == nil)
        #expect(map.binding(for: .enter, in: .details) == nil, "details.cancel rebound to q and Esc only")
    }

    @Test func aReboundKeyReachesTheDispatcherAndTheOldOneIsFree() throws {
        let map = try KeyMapLoader().parse("keys:\n  fix: F\n  moveDown: [j, C-n]\n", file: "keys.yaml")
        var model = AppModel(target: StateFixtures.target, readOnly: false)
        model.keys = map
        #expect(Dispatcher.dispatch(.char("F"), model: model) == .perform(.fix))
        #expect(Dispatcher.dispatch(.char("f"), model: model) == .ignored)
        #expect(Dispatcher.dispatch(.ctrl("n"), model: model) == .perform(.moveDown))
        // Rebinding moves the key, never whether the action changes a cluster.
        model.readOnly = true
        guard case .refused = Dispatcher.dispatch(.char("F"), model: model) else { Issue.record("F (fix) not refused read-only"); return }
        #expect(map.isMutating(.fix))
    }

    @Test func badKeyFilesNameTheLine() {
        func error(_ yaml: String) -> KeyMapError? {
            do { _ = try KeyMapLoader().parse(yaml, file: "keys.yaml"); return nil } catch { return error }
        }
        let unknownAction = error("keys:\n  moveDown: j\n  launchMissiles: x\n")
        #expect(unknownAction?.line == 3 && unknownAction?.message.contains("unknown action 'launchMissiles'") == true, "\(String(describing: unknownAction))")
        #expect(unknownAction?.description.hasPrefix("keys.yaml:3: ") == true)
        let unknownKey = error("keys:\n  zoom: [Z, Hyper-7]\n")
        #expect(unknownKey?.line == 2 && unknownKey?.message.contains("unknown key 'Hyper-7'") == true, "\(String(describing: unknownKey))")
        let clash = error("keys:\n  zoom: q\n")
        #expect(clash?.line == 2 && clash?.message.contains("'q' would do both") == true, "\(String(describing: clash))")
        #expect(error("keys:\n  confirm: Enter\n")?.message.contains("Cancel is the default") == true)
        #expect(error("keys:\n  board.zoom: z\n")?.message.contains("unknown context 'board'") == true)
        #expect(error("keys:\n  zoom: []\n")?.message.contains("needs at least one key") == true)
        #expect(error("bindings:\n  zoom: z\n")?.message.contains("unknown key 'bindings'") == true)
        // Swapping two keys is two lines, judged together.
        #expect(error("keys:\n  moveDown: k\n  moveUp: j\n") == nil)
    }

    @Test func aMissingKeyFileIsTheStandardTableAndAnExplicitOneMustExist() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        #expect(try KeyMapLoader().loadDefault(explicitPath: nil, environment: ["XDG_CONFIG_HOME": dir]) == .standard)
        #expect(throws: KeyMapError.self) { try KeyMapLoader().loadDefault(explicitPath: dir + "/nope.yaml", environment: [:]) }
        try FileManager.default.createDirectory(atPath: dir + "/shipshape", withIntermediateDirectories: true)
        try "keys:\n  zoom: Z\n".write(toFile: dir + "/shipshape/keys.yaml", atomically: true, encoding: .utf8)
        #expect(try KeyMapLoader().loadDefault(explicitPath: nil, environment: ["XDG_CONFIG_HOME": dir]).binding(for: .char("Z"), in: .console)?.action == .zoom)
    }

    @Test func theHelpIsTheTable() {
        let help = KeyMap.standard.helpLines.joined(separator: "\n")
        for binding in KeyMap.standard.bindings {
            #expect(help.contains(binding.help), "\(binding.action) missing from the help")
        }
        #expect(help.contains("[changes the cluster]"))
    }

    @Test func numberKeysJumpByPosition() {
        let model = AppModel(target: StateFixtures.target, readOnly: false)
        #expect(Dispatcher.dispatch(.char("3"), model: model) == .jump(3))
        #expect(Dispatcher.dispatch(.char("9"), model: model) == .jump(9))
    }
}
