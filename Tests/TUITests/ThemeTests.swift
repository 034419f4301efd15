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

@Suite("Themes")
struct ThemeTests {
    /// The repository root, found from this file (Tests/TUITests/ThemeTests.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let themesDir = root.appendingPathComponent("themes").path

    private func loader(_ environment: [String: String] = [:]) -> ThemeLoader {
        ThemeLoader(environment: environment, executablePath: nil, currentDirectory: Self.root.path)
    }

    private func parseError(_ yaml: String) -> ThemeError? {
        do {
            _ = try ThemeLoader.parse(yaml: yaml, source: "bad.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("themes/default.yaml and the compiled-in constant are identical")
    func defaultFileMatchesConstant() throws {
        let file = try String(contentsOfFile: Self.themesDir + "/default.yaml", encoding: .utf8)
        #expect(file == BuiltInThemes.defaultYAML)
    }

    @Test("the default theme loads, from file and built in, with every role")
    func defaultLoads() throws {
        let fromFile = try loader().load(named: "default")
        let builtIn = Theme.builtInDefault
        #expect(fromFile == builtIn)
        #expect(builtIn.name == "default")
        #expect(builtIn[.production] == RoleStyle(fg: .index(5), bold: true))
        #expect(builtIn[.error].fg == .index(1))
        #expect(builtIn[.warning].fg == .index(3))
        #expect(builtIn[.ok].fg == .index(2))
        #expect(builtIn[.selected].reverse)
        #expect(Set(builtIn.styles.keys) == Set(StyleRole.allCases))
    }

    @Test("the built-in default needs no files")
    func builtInWithoutFiles() throws {
        let theme = try loader().load(named: "default", searchPaths: ["/nonexistent"])
        #expect(theme == .builtInDefault)
    }

    @Test("light.yaml loads and declares every role")
    func lightLoads() throws {
        let theme = try loader().load(named: "light")
        #expect(theme.name == "light")
        let text = try String(contentsOfFile: Self.themesDir + "/light.yaml", encoding: .utf8)
        for role in StyleRole.allCases {
            #expect(text.contains("  \(role.rawValue):"), "light.yaml lacks \(role.rawValue)")
        }
    }

    @Test("a bad colour names the file, the key and the value")
    func badColour() {
        let error = parseError("roles:\n  error: { fg: redd }\n")
        #expect(error == .badColour(file: "bad.yaml", key: "roles.error.fg", value: "redd"))
        let message = error?.description ?? ""
        #expect(message.contains("bad.yaml"))
        #expect(message.contains("roles.error.fg"))
        #expect(message.contains("'redd'"))
        #expect(parseError("roles:\n  ok: { bg: 256 }\n") == .badColour(file: "bad.yaml", key: "roles.ok.bg", value: "256"))
    }

    @Test("numbers and names are colours")
    func colourValues() throws {
        let theme = try ThemeLoader.parse(yaml: "roles:\n  dim: { fg: 245, bg: Black }\n  ok: { fg: '2' }\n", source: "t")
        #expect(theme[.dim].fg == .index(245))
        #expect(theme[.dim].bg == .index(0))
        #expect(theme[.ok].fg == .index(2))
        #expect(ThemeColor(name: "default") == .default)
        #expect(ThemeColor.index(6).name == "cyan")
        #expect(ThemeColor.index(200).name == "200")
    }

    @Test("unknown roles and keys are reported, not ignored")
    func unknownKeys() {
        #expect(parseError("roles:\n  eror: { fg: red }\n") == .unknownRole(file: "bad.yaml", key: "roles.eror"))
        #expect(parseError("roles:\n  error: { fg: red, bodl: true }\n") == .unknownKey(file: "bad.yaml", key: "roles.error.bodl"))
        #expect(parseError("role:\n  error: { fg: red }\n") == .unknownKey(file: "bad.yaml", key: "role"))
    }

    @Test("values of the wrong kind and broken YAML are reported with where")
    func badValues() {
        #expect(parseError("roles:\n  error: { bold: maybe }\n") == .badValue(file: "bad.yaml", key: "roles.error.bold", detail: "expected true or false"))
        if case .invalidYAML(let file, _)? = parseError("roles: [unclosed\n") {
            #expect(file == "bad.yaml")
        } else {
            Issue.record("broken YAML was not reported as invalidYAML")
        }
        if case .invalidYAML(_, let detail)? = parseError("name: x\n") {
            #expect(detail.contains("roles"))
        } else {
            Issue.record("missing roles was not reported")
        }
    }

    @Test("roles left out fall back to monochrome")
    func partialTheme() throws {
        let theme = try ThemeLoader.parse(yaml: "name: tiny\nroles:\n  ok: { fg: green }\n", source: "t")
        #expect(theme.name == "tiny")
        #expect(theme[.ok].fg == .index(2))
        #expect(theme[.selected] == Theme.monochrome[.selected])
    }

    @Test("NO_COLOR gives monochrome whatever is asked for; empty NO_COLOR does not")
    func noColor() throws {
        let noColor = loader(["NO_COLOR": "1"])
        #expect(try noColor.load(named: "default") == .monochrome)
        #expect(try noColor.load(named: "light") == .monochrome)
        #expect(try noColor.load(file: "/nonexistent/x.yaml") == .monochrome)
        #expect(try loader(["NO_COLOR": ""]).load(named: "default") == .builtInDefault)
        #expect(!Theme.monochrome.usesColour)
        #expect(Theme.monochrome[.selected].reverse)
        #expect(Theme.monochrome[.error].bold)
        #expect(Theme.monochrome[.production].bold && Theme.monochrome[.production].underline)
    }

    @Test("search order: SHIPSHAPE_THEME_DIR, ./themes, beside the executable")
    func searchPaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shipshape-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "name: mine\nroles:\n  ok: { fg: blue }\n".write(
            to: dir.appendingPathComponent("default.yaml"), atomically: true, encoding: .utf8)

        let custom = ThemeLoader(environment: ["SHIPSHAPE_THEME_DIR": dir.path],
                                 executablePath: "/opt/shipshape/bin/shipshape",
                                 currentDirectory: "/work")
        #expect(custom.defaultSearchPaths == [dir.path, "/work/themes", "/opt/shipshape/share/shipshape/themes"])
        #expect(try custom.load(named: "default").name == "mine")
        #expect(try custom.load(file: dir.appendingPathComponent("default.yaml").path).name == "mine")
    }

    @Test("missing themes and odd names are clear errors")
    func notFound() {
        #expect(throws: ThemeError.notFound(name: "nope", searched: ["/a"])) {
            try loader().load(named: "nope", searchPaths: ["/a"])
        }
        #expect(throws: ThemeError.invalidName("..")) { try loader().load(named: "..") }
        #expect(throws: ThemeError.self) { try loader().load(file: "/nonexistent/theme.yaml") }
        #expect(ThemeError.notFound(name: "nope", searched: ["/a"]).description.contains("nope.yaml"))
    }

    @Test("colours fall back to the eight ANSI ones on small terminals")
    func downgrade() {
        #expect(ThemeColor.default.cursesNumber(available: 256) == -1)
        #expect(ThemeColor.index(200).cursesNumber(available: 256) == 200)
        #expect(ThemeColor.index(9).cursesNumber(available: 8) == 1)
        #expect(ThemeColor.index(196).cursesNumber(available: 8) == 1)   // pure red
        #expect(ThemeColor.index(21).cursesNumber(available: 8) == 4)    // pure blue
        #expect(ThemeColor.index(250).cursesNumber(available: 8) == 7)   // light grey
        #expect(ThemeColor.index(235).cursesNumber(available: 8) == 0)   // dark grey
    }
}
