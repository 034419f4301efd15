import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The estate board: one row per open cluster — platform, readiness (failing rules by
/// severity), the worst finding, nodes ready, quorum, the newest verified backup, the next
/// update window, and the production and read-only badges. Rows are built once per model;
/// it filters and sorts like any pane.
enum BoardPane {
    struct Row: Sendable {
        var index: Int
        var cluster: ClusterSlot
        var facts: BoardFacts
        var failing: [Severity: Int]
        var worst: Finding?
        var reading: Bool
    }

    static func source(model: AppModel, parallel: Int = 8, now: Date = Date()) -> ListSource<Row> {
        let rows = model.clusters.enumerated().map { index, slot in
            let open = (slot.snapshot?.findings ?? []).filter(\.isOpenFailure)
            var failing: [Severity: Int] = [:]
            for (severity, rules) in Dictionary(grouping: open, by: \.severity) { failing[severity] = Set(rules.map(\.rule.id)).count }
            return Row(index: index, cluster: slot, facts: slot.plugin.boardFacts(slot.view), failing: failing,
                       worst: open.min { $0.sortKey < $1.sortKey }, reading: model.reading.contains(index))
        }
        let columns: [ListColumn<Row>] = [
            ListColumn("CLUSTER", .fit(max: 24)) { Cell($0.cluster.target.name, $0.cluster.target.production ? .production : .normal) },
            ListColumn("PLATFORM", .fit(max: 14)) { Cell($0.cluster.target.platform.displayName, .dim) },
            ListColumn("READINESS", .fit(max: 14), sort: { .number(readinessRank($0)) }) { cell($0, now: now, column: 2) },
            ListColumn("WORST FINDING", .slack(min: 16)) { cell($0, now: now, column: 3) },
            ListColumn("NODES", .fit(max: 9)) { cell($0, now: now, column: 4) },
            ListColumn("QUORUM", .fit(max: 24)) { cell($0, now: now, column: 5) },
            ListColumn("BACKUP", .fit(max: 8), sort: { .number(-($0.facts.lastBackup?.timeIntervalSince1970 ?? 0)) }) { cell($0, now: now, column: 6) },
            ListColumn("NEXT WINDOW", .fit(max: 26)) { cell($0, now: now, column: 7) },
            ListColumn("", .fit(max: 8), sortable: false) { badges($0.cluster.target) },
        ]
        let unreadable = rows.filter { $0.cluster.snapshot.map { !$0.state.failures.isEmpty } ?? ($0.cluster.pinError != nil) }.count
        let failing = rows.filter { !$0.failing.isEmpty }.count
        var text = "\(rows.count) clusters · \(failing) failing · \(unreadable) with unreadable parts"
        let reading = rows.filter(\.reading).count
        if reading > 0 { text += " · reading \(reading) (at most \(parallel) at once)" }
        let summary = [Cell(text + " · Enter opens a cluster, c cycles", failing > 0 || unreadable > 0 ? .warning : .ok)]
        return ListSource(title: "Estate", columns: columns, rows: rows, emptyText: "no cluster", summary: summary, details: details)
    }

    /// The cells after the platform, as one row: pinned, reading, or read.
    static func cell(_ row: Row, now: Date, column: Int) -> Cell {
        if let error = row.cluster.pinError {
            return [Cell("not pinned", .error), Cell(error, .error)][safe: column - 2] ?? Cell("-", .dim)
        }
        guard let snapshot = row.cluster.snapshot else {
            return [Cell("reading…", .dim), Cell("", .dim)][safe: column - 2] ?? Cell("-", .dim)
        }
        switch column {
        case 2: return readiness(row, snapshot: snapshot)
        case 3: return worst(row, snapshot: snapshot)
        case 4: return nodes(row.facts)
        case 5: return quorum(row.facts)
        case 6: return backup(row.facts, now: now)
        default: return Cell(row.facts.nextWindow ?? "-", row.facts.nextWindow == nil ? .dim : .normal)
        }
    }

    /// Worst first: critical failures, then errors, warnings, infos; unreadable and ready last.
    static func readinessRank(_ row: Row) -> Double {
        let weights: [Severity: Double] = [.critical: 1_000_000, .error: 10_000, .warning: 100, .info: 1]
        return -row.failing.reduce(0) { $0 + (weights[$1.key] ?? 0) * Double($1.value) }
    }

    static func readiness(_ row: Row, snapshot: Snapshot) -> Cell {
        if row.failing.isEmpty { return snapshot.state.failures.isEmpty ? Cell("ready", .ok) : Cell("unreadable", .error) }
        let order: [(Severity, String, StyleRole)] = [(.critical, "C", .critical), (.error, "E", .error), (.warning, "W", .warning), (.info, "I", .info)]
        let parts = order.compactMap { severity, letter, _ in row.failing[severity].map { "\($0)\(letter)" } }
        let role = order.first { row.failing[$0.0] != nil }?.2 ?? .warning
        return Cell(parts.joined(separator: " "), role)
    }

    static func worst(_ row: Row, snapshot: Snapshot) -> Cell {
        if let finding = row.worst { return Cell("\(finding.rule.id) \(finding.subject): \(finding.message)", .normal) }
        if let failure = snapshot.state.failures.first { return Cell(failure.message, .error) }
        return Cell("nothing failing", .dim)
    }

    static func nodes(_ facts: BoardFacts) -> Cell {
        guard let total = facts.nodesTotal else { return Cell("-", .dim) }
        let ready = facts.nodesReady ?? 0
        return Cell("\(ready)/\(total)", ready == total ? .ok : .error)
    }

    static func quorum(_ facts: BoardFacts) -> Cell {
        guard let text = facts.quorum else { return Cell("-", .dim) }
        return Cell(text, facts.quorumHealthy == false ? .error : .ok)
    }

    static func backup(_ facts: BoardFacts, now: Date) -> Cell {
        guard let date = facts.lastBackup else { return Cell("never", .warning) }
        return Cell(Formatting.ago(date, now: now).replacingOccurrences(of: " ago", with: ""), .normal)
    }

    static func badges(_ target: Target) -> Cell {
        let text = [target.production ? "PROD" : nil, target.readOnly ? "RO" : nil].compactMap { $0 }.joined(separator: " ")
        return Cell(text, target.production ? .production : .warning)
    }

    static func details(_ row: Row) -> (title: String, lines: [String]) {
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

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
