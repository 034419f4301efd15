import Foundation
import Testing

/// The real binary in a real terminal (tmux): what an operator sees and types.
@Suite(.serialized) struct DemoConsoleTests {
    static let binary: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for configuration in ["debug", "release"] {
            let path = root.appendingPathComponent(".build/\(configuration)/shipshape").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root.appendingPathComponent(".build/debug/shipshape").path
    }()

    /// Runs a test body with a private tmux server, always torn down.
    static func withTmux(_ body: (Tmux) async throws -> Void) async throws {
        let tmux = try await Tmux()
        do {
            try await body(tmux)
        } catch {
            await tmux.stop()
            throw error
        }
        await tmux.stop()
    }

    /// Starts the shell, records the terminal settings, then launches the demo.
    static func launch(_ tmux: Tmux, arguments: String = "demo") async throws {
        try await tmux.type("stty -g > \(tmux.directory)/stty.before; echo READY")
        try await tmux.waitFor(text: "READY")
        try await tmux.type("\(binary) \(arguments); echo EXIT=$?; stty -g > \(tmux.directory)/stty.after")
        try await tmux.waitFor("the four panes") { screen in
            ["Nodes", "Router scale", "Findings", "Activity"].allSatisfy(screen.contains) && screen.contains("WF-ROUTER-SCALE")
        }
    }

    /// After exit: the shell is back, the alternate screen is gone, stty is as before.
    static func expectRestored(_ tmux: Tmux, status: Int) async throws {
        let screen = try await tmux.waitFor(text: "EXIT=\(status)")
        #expect(!screen.contains("Findings"))
        try await tmux.waitFor("stty.after") { _ in FileManager.default.fileExists(atPath: "\(tmux.directory)/stty.after") }
        let before = try String(contentsOfFile: "\(tmux.directory)/stty.before", encoding: .utf8)
        var after = ""
        try await tmux.waitFor("stty.after written") { _ in
            after = (try? String(contentsOfFile: "\(tmux.directory)/stty.after", encoding: .utf8)) ?? ""
            return !after.isEmpty
        }
        #expect(before == after)
    }

    /// Moves the Findings selection until the details dialog names `ruleID`.
    static func select(_ ruleID: String, in tmux: Tmux) async throws {
        for _ in 0..<8 {
            try await tmux.keys("Enter")
            let details = try await tmux.waitFor(text: "Esc closes")
            try await tmux.keys("Escape")
            try await tmux.waitFor("dialog closed") { !$0.contains("Esc closes") }
            if details.contains("Rule:      \(ruleID)") { return }
            try await tmux.keys("j")
        }
        Issue.record("could not select \(ruleID)")
    }

    @Test func routerFixFromTheKeyboard() async throws {
        try await Self.withTmux { tmux in
            try await Self.launch(tmux)
            let first = try await tmux.screen()
            #expect(first.contains("replicas 1/1"))
            try await Self.select("WF-ROUTER-SCALE", in: tmux)
            try await tmux.keys("f")
            let dialog = try await tmux.waitFor(text: "Server dry run: accepted")
            #expect(dialog.contains("scale --replicas=2 deployment/deis-router"))
            #expect(dialog.contains("--context demo"))
            try await tmux.keys("y")
            let after = try await tmux.waitFor("replicas 2/2 and the finding gone") { screen in
                // The finding row ("f WF-ROUTER-SCALE  deis/deis-router  1 desired replica…") is gone;
                // activity lines that name the cleared rule may remain.
                screen.contains("replicas 2/2")
                    && screen.components(separatedBy: "\n").filter { $0.contains("WF-ROUTER-SCALE") && $0.contains("desired replica") }.isEmpty
            }
            #expect(after.contains("Scale deis-router to 2 replicas"))
            try await tmux.keys("q")
            try await Self.expectRestored(tmux, status: 0)
        }
    }

    @Test func cancelIsTheDefaultAndChangesNothing() async throws {
        try await Self.withTmux { tmux in
            try await Self.launch(tmux)
            try await Self.select("WF-ROUTER-SCALE", in: tmux)
            try await tmux.keys("f")
            try await tmux.waitFor(text: "Server dry run: accepted")
            try await tmux.keys("Enter")
            try await tmux.waitFor(text: "cancelled: nothing changed")
            #expect(try await tmux.screen().contains("replicas 1/1"))
            try await tmux.keys("q")
            try await Self.expectRestored(tmux, status: 0)
        }
    }

    @Test func readOnlyRefusesFixes() async throws {
        try await Self.withTmux { tmux in
            try await Self.launch(tmux, arguments: "demo --read-only")
            #expect(try await tmux.screen().contains("READ-ONLY"))
            try await Self.select("WF-ROUTER-SCALE", in: tmux)
            try await tmux.keys("f")
            try await tmux.waitFor(text: "read-only: 'f' is disabled")
            #expect(!(try await tmux.screen()).contains("Server dry run"))
            // Started read-only, R cannot lift it (issue 13): every mutating key stays refused.
            try await tmux.keys("R")
            try await tmux.waitFor(text: "read-only is locked")
            for key in ["f", "u", "m", "a"] {
                try await tmux.keys(key)
                try await tmux.waitFor(text: "read-only: '\(key)' is disabled")
            }
            #expect(!(try await tmux.screen()).contains("Server dry run"))
            try await tmux.keys("q")
            try await Self.expectRestored(tmux, status: 0)
        }
    }

    @Test func sigintRestoresTheTerminal() async throws {
        try await Self.withTmux { tmux in
            try await Self.launch(tmux)
            try await tmux.keys("C-c")
            try await Self.expectRestored(tmux, status: 130)
        }
    }

    @Test func tinyTerminalSaysSoAndRecovers() async throws {
        try await Self.withTmux { tmux in
            try await Self.launch(tmux)
            try await tmux.resize(cols: 50, rows: 12)
            try await tmux.waitFor(text: "Terminal too small")
            try await tmux.resize(cols: 120, rows: 40)
            try await tmux.waitFor("panes back") { $0.contains("Findings") && !$0.contains("Terminal too small") }
            try await tmux.keys("q")
            try await Self.expectRestored(tmux, status: 0)
        }
    }
}
