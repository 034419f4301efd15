import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The estate board: one row per open cluster — platform, readiness (failing rules by
/// severity), the worst finding, nodes ready, quorum, the newest verified backup, the next
/// update window, and the production and read-only badges. Rows are built once per model.
struct BoardPaneSource: PaneSource {
    struct Row {
        var cluster: ClusterSlot
        var facts: BoardFacts
        var failing: [Severity: Int]
        var worst: Finding?
        var reading: Bool
    }

    let rows: [Row]
    let parallel: Int
    var now = Date()

    init(model: AppModel, parallel: Int = 8, now: Date = Date()) {
        self.parallel = parallel
        self.now = now
        rows = model.clusters.enumerated().map { index, slot in
            let open = (slot.snapshot?.findings ?? []).filter(\.isOpenFailure)
            var failing: [Severity: Int] = [:]
            for (severity, rules) in Dictionary(grouping: open, by: \.severity) { failing[severity] = Set(rules.map(\.rule.id)).count }
            return Row(cluster: slot, facts: slot.plugin.boardFacts(slot.view), failing: failing,
                       worst: open.min { $0.sortKey < $1.sortKey }, reading: model.reading.contains(index))
        }
    }

    var title: String { "Estate" }
    var columns: [Column] {
        [Column("CLUSTER", width: 18), Column("PLATFORM", width: 13), Column("READINESS", width: 12), Column("WORST FINDING"),
         Column("NODES", width: 7), Column("QUORUM", width: 20), Column("BACKUP", width: 7), Column("NEXT WINDOW", width: 24),
         Column("", width: 8)]
    }
    var rowCount: Int { rows.count }
    var errorText: String? { nil }
    var emptyText: String { "no cluster" }

    var summary: [Cell]? {
        let unreadable = rows.filter { $0.cluster.snapshot.map { !$0.state.failures.isEmpty } ?? ($0.cluster.pinError != nil) }.count
        let failing = rows.filter { !$0.failing.isEmpty }.count
        var text = "\(rows.count) clusters · \(failing) failing · \(unreadable) with unreadable parts"
        let reading = rows.filter(\.reading).count
        if reading > 0 { text += " · reading \(reading) (at most \(parallel) at once)" }
        return [Cell(text + " · Enter opens a cluster, c cycles", failing > 0 || unreadable > 0 ? .warning : .ok)]
    }

    func row(at index: Int) -> [Cell] {
        let row = rows[index]
        let target = row.cluster.target
        let name = Cell(target.name, target.production ? .production : .normal)
        let platform = Cell(target.platform.displayName, .dim)
        guard row.cluster.pinError == nil else {
            return [name, platform, Cell("not pinned", .error), Cell(row.cluster.pinError ?? "", .error)] + Array(repeating: Cell("-", .dim), count: 4) + [badges(target)]
        }
        guard let snapshot = row.cluster.snapshot else {
            return [name, platform, Cell("reading…", .dim), Cell("", .dim)] + Array(repeating: Cell("-", .dim), count: 4) + [badges(target)]
        }
        return [name, platform, readiness(row, snapshot: snapshot), worst(row, snapshot: snapshot), nodes(row.facts),
                quorum(row.facts), backup(row.facts), Cell(row.facts.nextWindow ?? "-", row.facts.nextWindow == nil ? .dim : .normal), badges(target)]
    }

    func readiness(_ row: Row, snapshot: Snapshot) -> Cell {
        if row.failing.isEmpty { return snapshot.state.failures.isEmpty ? Cell("ready", .ok) : Cell("unreadable", .error) }
        let order: [(Severity, String, StyleRole)] = [(.critical, "C", .critical), (.error, "E", .error), (.warning, "W", .warning), (.info, "I", .info)]
        let parts = order.compactMap { severity, letter, _ in row.failing[severity].map { "\($0)\(letter)" } }
        let role = order.first { row.failing[$0.0] != nil }?.2 ?? .warning
        return Cell(parts.joined(separator: " "), role)
    }

    func worst(_ row: Row, snapshot: Snapshot) -> Cell {
        if let finding = row.worst { return Cell("\(finding.rule.id) \(finding.subject): \(finding.message)", .normal) }
        if let failure = snapshot.state.failures.first { return Cell(failure.message, .error) }
        return Cell("nothing failing", .dim)
    }

    func nodes(_ facts: BoardFacts) -> Cell {
        guard let total = facts.nodesTotal else { return Cell("-", .dim) }
        let ready = facts.nodesReady ?? 0
        return Cell("\(ready)/\(total)", ready == total ? .ok : .error)
    }

    func quorum(_ facts: BoardFacts) -> Cell {
        guard let text = facts.quorum else { return Cell("-", .dim) }
        return Cell(text, facts.quorumHealthy == false ? .error : .ok)
    }

    func backup(_ facts: BoardFacts) -> Cell {
        guard let date = facts.lastBackup else { return Cell("never", .warning) }
        return Cell(Formatting.ago(date, now: now).replacingOccurrences(of: " ago", with: ""), .normal)
    }

    func badges(_ target: Target) -> Cell {
        let text = [target.production ? "PROD" : nil, target.readOnly ? "RO" : nil].compactMap { $0 }.joined(separator: " ")
        return Cell(text, target.production ? .production : .warning)
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard rows.indices.contains(index) else { return nil }
        let row = rows[index]
        let target = row.cluster.target
        var lines = ["Platform:  \(target.platform.displayName)", "Target:    \(target.label)",
                     "Labels:    \(target.labels.isEmpty ? "(none)" : target.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))",
                     "Flags:     \([target.production ? "production" : nil, target.readOnly ? "read-only (estate file)" : nil].compactMap { $0 }.joined(separator: ", "))"]
        if let error = row.cluster.pinError { lines += ["", "Could not be pinned: \(error)"] }
        let open = (row.cluster.snapshot?.findings ?? []).filter(\.isOpenFailure)
        lines += ["", "Failing (\(open.count)):"] + open.prefix(20).map { "  \($0.severity.rawValue)  \($0.rule.id)  \($0.subject): \($0.message)" }
        for failure in row.cluster.snapshot?.state.failures ?? [] { lines.append("  unreadable: \(failure.message)") }
        return (target.name, lines + ["", "Enter opens the cluster; Esc comes back here."])
    }
}
