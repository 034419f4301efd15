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

/// The generic list every pane is (lazydocker's `SideListPanel[T]`): rows built once,
/// filtered over the visible columns in any case, sorted naturally, actions on the row shown;
/// and the table layout that sizes columns by content and ends a cut one in `…`.
@MainActor @Suite struct ListSourceTests {
    /// Counts how often a cell is built, from any thread.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func tick() { lock.lock(); value += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    struct Node: Sendable { var name: String; var cpu: Int }

    static func source(_ rows: Int, counter: Counter) -> ListSource<Node> {
        let columns: [ListColumn<Node>] = [
            ListColumn("NAME", .slack(min: 8)) { node in counter.tick(); return Cell(node.name) },
            ListColumn("CPU", .fit(max: 5), sort: { .number(Double($0.cpu)) }) { Cell(String($0.cpu)) },
        ]
        return ListSource(title: "Nodes", columns: columns, rows: (0..<rows).map { Node(name: "Node-\($0)", cpu: $0 % 7) }, emptyText: "none")
    }

    @Test func rowsAreBuiltOncePerStateNeverPerFrameOrQuery() {
        let counter = Counter()
        let base = Self.source(5000, counter: counter)
        #expect(counter.count == 5000)
        let grid = GridScreen(rows: 50, cols: 120)
        let widths = BuiltPane.measure(base)
        for filter in ["n", "no", "node-4", "NODE-49", ""] {
            let shown = base.queried(PaneQuery(filter: filter, sort: RowOrder(column: 1, descending: true)))
            for selected in 0..<20 {
                ListPane.draw(BuiltPane(source: shown, contentWidths: widths), number: 1, on: grid, in: Rect(row: 0, col: 0, height: 50, width: 120),
                              focused: true, selected: selected)
            }
        }
        #expect(counter.count == 5000, "cells were built again: \(counter.count - 5000) extra")
    }

    @Test func theFilterMatchesAnyVisibleColumnInAnyCase() {
        let base = Self.source(200, counter: Counter())
        let named = base.queried(PaneQuery(filter: "nODE-19"))
        #expect(named.items.map(\.name) == ["Node-19"] + (190...199).map { "Node-\($0)" })
        #expect(named.rowCount == 11 && named.totalCount == 200)
        // The CPU column is visible too: "6" matches every node with 6 in its name or cpu.
        #expect(base.queried(PaneQuery(filter: "6")).items.contains { $0.name == "Node-13" && $0.cpu == 6 })
        #expect(base.queried(PaneQuery(filter: "zzz")).rowCount == 0)
    }

    @Test func sortIsNaturalAndReversibleAndTiesKeepTheirOrder() {
        let base = Self.source(12, counter: Counter())
        let byName = base.queried(PaneQuery(sort: RowOrder(column: 0)))
        #expect(byName.items.map(\.name).prefix(4) == ["Node-0", "Node-1", "Node-2", "Node-3"], "node-10 sorts after node-9")
        #expect(byName.items.last?.name == "Node-11")
        let byCPU = base.queried(PaneQuery(sort: RowOrder(column: 1, descending: true)))
        #expect(byCPU.items.map(\.cpu) == [6, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0])
        #expect(byCPU.items.prefix(4).map(\.name) == ["Node-6", "Node-5", "Node-4", "Node-11"], "ties keep the pane's own order")
        #expect(TextMatch.precedes(TextMatch.folded("node-9"), TextMatch.folded("Node-10")))
        #expect(!TextMatch.precedes(TextMatch.folded("b"), TextMatch.folded("a")))
    }

    @Test func findingsSortBySeverityFirst() {
        let rule = { (id: String, severity: Severity) in RuleInfo(id: id, title: id, severity: severity, platforms: [.workflow], seed: "s", rationale: "r") }
        let findings = [Finding(rule: rule("W", .warning), verdict: .fail, subject: "a", message: "m"),
                        Finding(rule: rule("C", .critical), verdict: .fail, subject: "b", message: "m"),
                        Finding(rule: rule("E", .error), verdict: .fail, subject: "c", message: "m")]
        let source = FindingsPane.source(rows: findings.map { FindingRow(cluster: 0, finding: $0) }, clusterNames: nil, loaded: true, passing: 0)
        #expect(source.items.map(\.finding.rule.id) == ["C", "E", "W"])
        #expect(source.effectiveSort == RowOrder(column: 0))
    }

    @Test func columnsFollowTheirContentAndACutOneEndsInAnEllipsis() {
        let columns = [Column("NAME", .slack(min: 6)), Column("STATUS", .fit(max: 9)), Column("VERSION", .fit(max: 10))]
        let roomy = TableLayout.compute(columns, contentWidths: [11, 8, 7], sort: .natural, total: 60, scroll: 0)
        #expect(roomy.widths == [60 - 8 - 7 - 2, 8, 7], "the slack-taker takes what is left")
        let tight = TableLayout.compute(columns, contentWidths: [11, 8, 7], sort: .natural, total: 20, scroll: 0)
        #expect(tight.widths[0] == 6 && tight.moreRight, "the name gives back to its minimum, the last column is cut")
        #expect(TextFit.fit("v1.32.4", to: 5) == "v1.3…")
        #expect(TextFit.fit("short", to: 5) == "short")
        let scrolled = TableLayout.compute(columns, contentWidths: [11, 8, 7], sort: .natural, total: 20, scroll: 1)
        #expect(scrolled.widths[1] == 0 && scrolled.widths[0] > 0 && scrolled.widths[2] == 7, "the first column stays, the second scrolls off")
        #expect(TableLayout.maxScroll(columns, contentWidths: [11, 8, 7], sort: .natural, total: 20) == 1)
    }

    @Test func titlesShowTheNumberAndTheFilteredCount() {
        let base = Self.source(5000, counter: Counter())
        #expect(ListPane.title(base, number: 1) == " 1 Nodes (5000) ")
        #expect(ListPane.title(base.queried(PaneQuery(filter: "node-4999")), number: 1) == " 1 Nodes 1/5000 /node-4999 ")
    }
}
