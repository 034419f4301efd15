import Foundation
import ShipshapeCore
import PaneKit
import DeckhouseRules
import KubernetesRules
import EtcdRules
import KubernetesPanes
import EtcdPanes

/// Update windows, for every open Deckhouse cluster: release channel, update mode, the
/// windows on a week grid (days × UTC hours), the next window from now, and — marked ▓ —
/// the hours where a cluster on the same channel may update at the same time.
struct UpdateWindowsPaneSource: DrawnPane {
    let clusters: [ClusterView]
    let current: Int
    var now: Date
    /// The clusters' blocks as a list: built once per state, filtered and sorted like any pane.
    let list: ListSource<Entry>

    /// One Deckhouse cluster's block.
    struct Entry: Sendable {
        var index: Int
        var name: String
        var settings: Loaded<DeckhouseUpdateSettings>?
        /// Same-channel clusters whose automatic updates overlap this one's, and where.
        var overlaps: [(peer: String, shared: WeekSchedule)] = []
        /// Other-channel clusters that overlap (fine, shown in details).
        var elsewhere: [String] = []
    }

    init(clusters: [ClusterView], current: Int, now: Date = Date()) {
        self.clusters = clusters
        self.current = current
        self.now = now
        let columns: [ListColumn<Entry>] = [
            ListColumn("CLUSTER", .slack(min: 12)) { Cell($0.name) },
            ListColumn("CHANNEL", .fit(max: 11)) { Cell($0.settings?.value.map { $0.releaseChannel ?? "(none)" } ?? "-") },
            ListColumn("MODE", .fit(max: 9)) { Cell($0.settings?.value?.effectiveMode ?? "-") },
            ListColumn("NEXT WINDOW", .fit(max: 30)) { entry in
                guard let settings = entry.settings?.value else { return Cell(entry.settings?.error?.message ?? "loading…", .dim) }
                return Cell(settings.nextWindowText(now: now))
            },
        ]
        list = ListSource(title: "Update windows", columns: columns, rows: Self.entries(clusters), emptyText: "no Deckhouse cluster is open",
                          details: { [clusters] entry in Self.details(entry, clusters: clusters, now: now) })
    }

    private init(_ base: UpdateWindowsPaneSource, list: ListSource<Entry>) {
        clusters = base.clusters
        current = base.current
        now = base.now
        self.list = list
    }

    static func entries(_ clusters: [ClusterView]) -> [Entry] {
        let deckhouse = clusters.indices.filter { clusters[$0].target.platform == .deckhouse }
        let loaded = Dictionary(uniqueKeysWithValues: deckhouse.compactMap { index -> (Int, DeckhouseUpdateSettings)? in
            clusters[index].state?.deckhouse.value?.settings.value.map { (index, $0) }
        })
        return deckhouse.map { index in
            var entry = Entry(index: index, name: clusters[index].target.name, settings: clusters[index].state?.deckhouse.value?.settings)
            guard let mine = loaded[index], let schedule = DeckhouseWindowsOverlapRule.autoSchedule(mine) else { return entry }
            for other in deckhouse where other != index {
                guard let theirs = loaded[other], let their = DeckhouseWindowsOverlapRule.autoSchedule(theirs) else { continue }
                let shared = schedule.overlap(with: their)
                guard !shared.isEmpty else { continue }
                if theirs.releaseChannel == mine.releaseChannel, mine.releaseChannel != nil {
                    entry.overlaps.append((clusters[other].target.name, shared))
                } else {
                    entry.elsewhere.append("\(clusters[other].target.name) (\(theirs.releaseChannel ?? "no channel")): \(shared.summary)")
                }
            }
            return entry
        }
    }

    var title: String { list.title }
    var columns: [Column] { list.columns }
    var rowCount: Int { list.rowCount }
    var totalCount: Int { list.totalCount }
    var errorText: String? { nil }
    var emptyText: String { list.emptyText }
    var query: PaneQuery { list.query }
    var isFilterable: Bool { true }
    var sortableColumns: [Int] { list.sortableColumns }
    func row(at index: Int) -> [Cell] { list.row(at: index) }
    func details(at index: Int) -> (title: String, lines: [String])? { list.details(at: index) }
    func applying(_ query: PaneQuery) -> any PaneSource { UpdateWindowsPaneSource(self, list: list.queried(query)) }

    // MARK: words

    func nextText(_ settings: DeckhouseUpdateSettings) -> String { settings.nextWindowText(now: now) }

    static func details(_ entry: Entry, clusters: [ClusterView], now: Date) -> (title: String, lines: [String]) {
        guard let settings = entry.settings?.value else {
            return (entry.name, ["Update settings: " + (entry.settings?.error?.message ?? "not read yet")])
        }
        var lines = ["Cluster:  \(clusters[entry.index].target.label)",
                     "Channel:  \(settings.releaseChannel ?? "(none: Deckhouse does not update itself)")",
                     "Mode:     \(settings.mode ?? "\(DeckhouseUpdateSettings.defaultMode) (schema default)")",
                     "Next:     \(settings.nextWindowText(now: now))", "", "Windows (UTC):"]
        lines += settings.rawWindows.isEmpty ? ["  (none)"] : settings.rawWindows.map { "  \($0)" }
        if !settings.windowProblems.isEmpty { lines += ["", "Malformed:"] + settings.windowProblems.map { "  \($0)" } }
        if !entry.overlaps.isEmpty {
            lines += ["", "Overlaps on the same channel (DH-WINDOWS-OVERLAP):"] + entry.overlaps.map { "  \($0.peer): \($0.shared.summary)" }
        }
        if !entry.elsewhere.isEmpty { lines += ["", "Overlaps on another channel (fine):"] + entry.elsewhere.map { "  " + $0 } }
        lines += ["", "a adds a window to the current cluster (c switches clusters)."]
        return (entry.name, lines)
    }

    // MARK: drawing

    /// Lines per cluster block: header, seven days, one line of notes.
    static let blockHeight = 9
    static let axis = "    0     6     12    18"

    func lines(width: Int, height: Int, selected: Int, focused: Bool) -> [[Cell]] {
        let all = list.items
        guard !all.isEmpty else { return [[Cell(list.totalCount == 0 ? emptyText : "no cluster matches the filter", .dim)]] }
        var lines: [[Cell]] = [[Cell("UTC  █ window  ▓ same-channel overlap  ░ any time", .dim)], [Cell(Self.axis, .header)]]
        let fit = max((height - 2) / Self.blockHeight, 1)
        let first = selected < fit ? 0 : selected - fit + 1
        for index in first..<all.count where lines.count < height {
            lines += block(all[index], highlighted: focused && index == selected, width: width)
        }
        return Array(lines.prefix(height))
    }

    /// One cluster's block: its header line, a line per weekday of hour cells, a note.
    func block(_ entry: Entry, highlighted: Bool, width: Int) -> [[Cell]] {
        var lines: [[Cell]] = []
        func line(_ text: String, _ role: StyleRole) { lines.append([Cell(Sanitizer.line(text, maxLength: 400), role)]) }
        let marker = entry.index == current ? "● " : "  "
        guard let loaded = entry.settings else { line(marker + entry.name + "  loading…", highlighted ? .selected : .dim); return lines }
        guard let settings = loaded.value else {
            line(marker + entry.name, highlighted ? .selected : .normal)
            line("⚠ " + (loaded.error?.message ?? "not probed"), .error)
            return lines
        }
        let channel = settings.releaseChannel ?? "no channel"
        line("\(marker)\(entry.name)  \(channel) · \(settings.effectiveMode) · \(nextText(settings))",
             highlighted ? .selected : (entry.overlaps.isEmpty ? .normal : .warning))
        let windows = settings.schedule
        let anyTime = !settings.isManual && settings.windows.isEmpty
        for day in UpdateWeekday.allCases {
            var cells = [Cell("\(day.short) ", .dim)]
            for hour in 0..<24 where 4 + hour < width {
                let overlap = entry.overlaps.contains { $0.shared.covers(day: day, hour: hour) }
                if overlap { cells.append(Cell("▓", .warning)) }
                else if windows.covers(day: day, hour: hour) { cells.append(Cell("█", settings.isManual ? .info : .ok)) }
                else if anyTime { cells.append(Cell("░", .warning)) }
                else { cells.append(Cell("·", .dim)) }
            }
            lines.append(cells)
        }
        if let problem = settings.windowProblems.first {
            line("⚠ " + problem, .error)
        } else if !entry.overlaps.isEmpty {
            line("▓ overlaps " + entry.overlaps.map { "\($0.peer): \($0.shared.summary)" }.joined(separator: "; "), .warning)
        } else if anyTime {
            line("no windows: releases install any time", .warning)
        } else {
            line(settings.windows.isEmpty ? "no windows (Manual mode)" : "windows: " + windows.summary, .dim)
        }
        return lines
    }
}
