import Foundation
import Testing
@testable import ShipshapeCore
@testable import ShipshapeRunner

/// Issue 15 in a real terminal: the real binary in tmux at 200×60, 120×40, 80×24 and 60×16,
/// on every demo — the filter narrows the nodes pane to the node typed, `:findings` focuses
/// Findings, `z` zooms, `s` re-sorts (the header says by what), a finding's details are read
/// whole, and a column that cannot fit ends in `…`. What the details must hold comes from the
/// binary's own `check --format json` on the same demo, not from this file.
@Suite(.serialized) struct ConsoleLivingTests {
    /// One demo: how to reach a cluster's panes, which pane lists its nodes, and a node to find.
    struct Demo: Sendable, CustomStringConvertible {
        var name: String
        /// Keys on the estate board before a cluster's panes show (nil: opens on the panes).
        var boardFilter: String?
        var pane: String
        var title: String
        var find: String
        var other: String
        var description: String { name }
    }

    static let demos = [
        Demo(name: "workflow", pane: "nodes", title: "Nodes", find: "demo-node-3", other: "demo-node-1"),
        Demo(name: "deckhouse", boardFilter: "north", pane: "nodes", title: "Nodes", find: "front-0", other: "master-0"),
        Demo(name: "deis-v1", pane: "nodes", title: "Nodes", find: "7b4e1f9c", other: "0f3e8b7a"),
        Demo(name: "swarm", pane: "nodes", title: "Nodes", find: "worker-1", other: "mgr-1"),
        Demo(name: "etcd", pane: "etcd", title: "etcd members", find: "etcd-c", other: "etcd-a"),
        Demo(name: "estate", boardFilter: "swarm", pane: "nodes", title: "Nodes", find: "worker-1", other: "mgr-1"),
    ]
    static let sizes = [(200, 60), (120, 40), (80, 24), (60, 16)]

    /// What `check` reports for the demo: each rule's rationale and its findings' messages.
    static func report(_ demo: String) async throws -> [String: (rationale: String, messages: [String])] {
        let output = try await ProcessRunner().run(Command(DemoConsoleTests.binary, ["check", "--demo", demo, "--format", "json", "--exit-zero"],
                                                           timeoutSeconds: 60)).stdout
        let json = try JSONSerialization.jsonObject(with: Data(output))
        let reports = (json as? [[String: Any]]) ?? [json as? [String: Any] ?? [:]]
        var rules: [String: (rationale: String, messages: [String])] = [:]
        for report in reports {
            for finding in report["findings"] as? [[String: Any]] ?? [] {
                guard let rule = finding["rule"] as? [String: Any], let id = rule["id"] as? String else { continue }
                rules[id, default: (rule["rationale"] as? String ?? "", [])].messages.append(finding["message"] as? String ?? "")
            }
        }
        return rules
    }

    /// The text inside the dialog box whose top edge carries `title`, row by row.
    static func dialogText(_ screen: String, title: String) -> String? {
        let rows = screen.components(separatedBy: "\n").map { Array($0) }
        let corner = Array("┌─ \(title) ")
        func column(of needle: [Character], in row: [Character]) -> Int? {
            guard row.count >= needle.count else { return nil }
            return (0...(row.count - needle.count)).first { Array(row[$0..<($0 + needle.count)]) == needle }
        }
        guard let top = rows.firstIndex(where: { column(of: corner, in: $0) != nil }),
              let left = column(of: corner, in: rows[top]),
              let right = rows[top][left...].firstIndex(of: "┐") else { return nil }
        var text = ""
        for row in rows[(top + 1)...] {
            if row.count > left, row[left] == "└" { break }
            guard row.count > left + 1 else { continue }
            text += String(row[(left + 1)..<min(right, row.count)]) + " "
        }
        return text
    }

    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    @Test(arguments: demos)
    func livingInTheConsole(_ demo: Demo) async throws {
        let report = try await Self.report(demo.name)
        for (cols, rows) in Self.sizes {
            let tmux = try await Tmux(cols: cols, rows: rows)
            do {
                try await Self.walk(demo, tmux: tmux, cols: cols, report: report)
            } catch {
                await tmux.stop()
                throw error
            }
            await tmux.stop()
        }
    }

    static func walk(_ demo: Demo, tmux: Tmux, cols: Int, report: [String: (rationale: String, messages: [String])]) async throws {
        let size = "\(demo.name) at \(cols) cols"
        try await tmux.type("\(DemoConsoleTests.binary) demo \(demo.name); echo EXIT=$?")
        try await tmux.waitFor("\(size): the console") { $0.contains("Findings (") || $0.contains("Estate (") }
        if let filter = demo.boardFilter {
            try await tmux.waitFor("\(size): the board") { $0.contains("Estate (") }
            try await tmux.keys("/")
            try await tmux.tmux(["send-keys", "-t", "main", "-l", filter])
            try await tmux.keys("Enter")
            try await tmux.waitFor("\(size): the board filtered") { $0.contains("Estate 1/") && $0.contains("/\(filter)") }
            try await tmux.keys("Enter")
            try await tmux.waitFor("\(size): a cluster opened from the board") { $0.contains("Findings (") }
        }

        // The filter narrows the nodes pane to the node typed; zoomed, nothing else is listed.
        try await tmux.tmux(["send-keys", "-t", "main", "-l", ":\(demo.pane)"])
        try await tmux.keys("Enter")
        try await tmux.keys("/")
        try await tmux.tmux(["send-keys", "-t", "main", "-l", demo.find])
        try await tmux.keys("Enter")
        try await tmux.waitFor("\(size): \(demo.title) filtered to \(demo.find)") { $0.contains("\(demo.title) 1/") && $0.contains("/\(demo.find) ") }
        try await tmux.keys("z")
        let zoomed = try await tmux.waitFor("\(size): the pane zoomed") { !$0.contains("Findings (") && $0.contains("\(demo.title) 1/") }
        #expect(zoomed.contains(demo.find), "\(size): the node typed is listed")
        #expect(!zoomed.contains(demo.other), "\(size): \(demo.other) is filtered out:\n\(zoomed)")
        try await tmux.keys("z")
        try await tmux.waitFor("\(size): zoom left") { $0.contains("Findings (") }
        try await tmux.keys("Escape")
        try await tmux.waitFor("\(size): the filter cleared") { !$0.contains("\(demo.title) 1/") && $0.contains("filter cleared") }

        // :findings focuses Findings (its frame turns heavy); s sorts by the rule, and says so.
        try await tmux.tmux(["send-keys", "-t", "main", "-l", ":findings"])
        try await tmux.keys("Enter")
        try await tmux.waitFor("\(size): Findings focused") { $0.range(of: #"┏━ \d Findings \("#, options: .regularExpression) != nil }
        try await tmux.keys("s")
        let sorted = try await tmux.waitFor("\(size): sorted by rule") { $0.contains("RULE▲") && $0.contains("sorted by RULE") }
        if cols < 200 {
            #expect(sorted.components(separatedBy: "\n").contains { $0.contains("…┃") || $0.contains("… ") }, "\(size): a cut column ends in …:\n\(sorted)")
        }

        // Enter: the finding's details, read whole however narrow the screen.
        try await tmux.keys("Enter")
        let first = try await tmux.waitFor("\(size): details") { $0.contains("Esc closes") }
        let ruleID = try #require(first.components(separatedBy: "Rule:      ").dropFirst().first?.split(separator: " ").first.map(String.init),
                                  "\(size): no rule line in the details:\n\(first)")
        let expected = try #require(report[ruleID], "\(size): check reports no \(ruleID)")
        var read = Self.dialogText(first, title: ruleID) ?? ""
        for _ in 0..<12 where !Self.squeezed(read).contains(Self.squeezed(expected.rationale)) {
            try await tmux.keys("Space")
            try await Task.sleep(for: .milliseconds(60))
            read += Self.dialogText(try await tmux.screen(), title: ruleID) ?? ""
        }
        #expect(Self.squeezed(read).contains(Self.squeezed(expected.rationale)), "\(size): the rationale of \(ruleID) is not read whole:\n\(read)")
        #expect(expected.messages.contains { Self.squeezed(read).contains(Self.squeezed($0)) }, "\(size): no message of \(ruleID) read whole:\n\(read)")
        try await tmux.keys("Escape")
        try await tmux.waitFor("\(size): details closed") { !$0.contains("Esc closes") }
        try await tmux.keys("q")
        try await tmux.waitFor(text: "EXIT=0")
    }
}
