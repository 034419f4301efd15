import Foundation
import Engine

/// Update windows, for every open Deckhouse cluster: release channel, update mode, the
/// windows on a week grid (days × UTC hours), the next window from now, and — marked ▓ —
/// the hours where a cluster on the same channel may update at the same time.
struct UpdateWindowsPaneSource: PaneSource, CustomDrawnPane {
    let clusters: [ClusterSlot]
    let current: Int
    var now = Date()

    /// One Deckhouse cluster's block.
    struct Entry {
        var index: Int
        var name: String
        var settings: Loaded<DeckhouseUpdateSettings>?
        /// Same-channel clusters whose automatic updates overlap this one's, and where.
        var overlaps: [(peer: String, shared: WeekSchedule)] = []
        /// Other-channel clusters that overlap (fine, shown in details).
        var elsewhere: [String] = []
    }

    var entries: [Entry] {
        let deckhouse = clusters.indices.filter { clusters[$0].target.platform == .deckhouse }
        let loaded = Dictionary(uniqueKeysWithValues: deckhouse.compactMap { index -> (Int, DeckhouseUpdateSettings)? in
            clusters[index].snapshot?.state.deckhouse.value?.settings.value.map { (index, $0) }
        })
        return deckhouse.map { index in
            var entry = Entry(index: index, name: clusters[index].target.name, settings: clusters[index].snapshot?.state.deckhouse.value?.settings)
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

    var title: String { PaneID.updateWindows.rawValue }
    var columns: [Column] { [Column("CLUSTER"), Column("CHANNEL", width: 11), Column("MODE", width: 9), Column("NEXT WINDOW", width: 22)] }
    var rowCount: Int { entries.count }
    var errorText: String? { nil }
    var emptyText: String { "no Deckhouse cluster is open" }

    func row(at index: Int) -> [Cell] {
        let entry = entries[index]
        guard let settings = entry.settings?.value else { return [Cell(entry.name), Cell("-"), Cell("-"), Cell(entry.settings?.error?.message ?? "loading…", .dim)] }
        return [Cell(entry.name), Cell(settings.releaseChannel ?? "(none)"), Cell(settings.effectiveMode), Cell(nextText(settings))]
    }

    // MARK: words

    static func when(_ date: Date) -> String {
        let minute = WeekSchedule.minuteOfWeek(date)
        return "\(UpdateWeekday(rawValue: minute / 1440)!.short) \(WindowTime(minutes: minute % 1440)!)"
    }

    static func span(_ seconds: TimeInterval) -> String {
        let minutes = max(Int(seconds / 60), 0)
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 1440 { return "\(minutes / 60)h \(minutes % 60)m" }
        return "\(minutes / 1440)d \(minutes % 1440 / 60)h"
    }

    func nextText(_ settings: DeckhouseUpdateSettings) -> String {
        if settings.isManual { return "on approval (Manual)" }
        if settings.windows.isEmpty { return "any time (no windows)" }
        guard let next = settings.schedule.next(after: now) else { return "-" }
        if next.openNow { return "open now, until \(Self.when(next.closes))" }
        return "\(Self.when(next.opens)) UTC, in \(Self.span(next.opens.timeIntervalSince(now)))"
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        let all = entries
        guard all.indices.contains(index) else { return nil }
        let entry = all[index]
        guard let settings = entry.settings?.value else {
            return (entry.name, ["Update settings: " + (entry.settings?.error?.message ?? "not read yet")])
        }
        var lines = ["Cluster:  \(clusters[entry.index].target.label)",
                     "Channel:  \(settings.releaseChannel ?? "(none: Deckhouse does not update itself)")",
                     "Mode:     \(settings.mode ?? "\(DeckhouseUpdateSettings.defaultMode) (schema default)")",
                     "Next:     \(nextText(settings))", "", "Windows (UTC):"]
        lines += settings.rawWindows.isEmpty ? ["  (none)"] : settings.rawWindows.map { "  \($0)" }
        if !settings.windowProblems.isEmpty { lines += ["", "Malformed:"] + settings.windowProblems.map { "  \($0)" } }
        if !entry.overlaps.isEmpty {
            lines += ["", "Overlaps on the same channel (DH-WINDOWS-OVERLAP):"] + entry.overlaps.map { "  \($0.peer): \($0.shared.summary)" }
        }
        if !entry.elsewhere.isEmpty { lines += ["", "Overlaps on another channel (fine):"] + entry.elsewhere.map { "  " + $0 } }
        lines += ["", "w adds a window to the current cluster (c switches clusters)."]
        return (entry.name, lines)
    }

    // MARK: drawing

    /// Lines per cluster block: header, seven days, one line of notes.
    static let blockHeight = 9
    static let axis = "    0     6     12    18"

    @MainActor
    func draw(on screen: any Screen, in rect: Rect, focused: Bool, selected: Int) {
        guard rect.height >= 3, rect.width >= 8 else { return }
        let all = entries
        screen.box(row: rect.row, col: rect.col, height: rect.height, width: rect.width, role: focused ? .title : .border)
        let title = " \(self.title)\(all.isEmpty ? "" : " (\(all.count))") "
        screen.put(row: rect.row, col: rect.col + 2, title, role: focused ? .title : .header, width: min(DisplayWidth.of(title), rect.width - 4))
        let inner = Rect(row: rect.row + 1, col: rect.col + 1, height: rect.height - 2, width: rect.width - 2)
        guard !all.isEmpty else {
            screen.put(row: inner.row, col: inner.col, emptyText, role: .dim, width: inner.width)
            return
        }
        screen.put(row: inner.row, col: inner.col, "UTC  █ window  ▓ same-channel overlap  ░ any time", role: .dim, width: inner.width)
        guard inner.height > 1 else { return }
        screen.put(row: inner.row + 1, col: inner.col, Self.axis, role: .header, width: inner.width)
        let room = inner.height - 2
        let fit = max(room / Self.blockHeight, 1)
        let first = selected < fit ? 0 : selected - fit + 1
        var row = inner.row + 2
        for index in first..<all.count {
            guard row < inner.row + inner.height else { break }
            row = drawBlock(all[index], highlighted: focused && index == selected, on: screen, row: row, inner: inner)
        }
        if all.count > fit {
            let marker = " \(selected + 1)/\(all.count) "
            screen.put(row: rect.row + rect.height - 1, col: rect.col + rect.width - 2 - DisplayWidth.of(marker), marker, role: .dim)
        }
    }

    /// Draws one cluster's block from `row`; returns the row after it.
    @MainActor
    func drawBlock(_ entry: Entry, highlighted: Bool, on screen: any Screen, row: Int, inner: Rect) -> Int {
        let bottom = inner.row + inner.height
        var row = row
        func line(_ text: String, _ role: StyleRole) {
            guard row < bottom else { return }
            screen.put(row: row, col: inner.col, Sanitizer.line(text, maxLength: 400), role: role, width: inner.width)
            row += 1
        }
        let marker = entry.index == current ? "● " : "  "
        guard let loaded = entry.settings else { line(marker + entry.name + "  loading…", highlighted ? .selected : .dim); return row }
        guard let settings = loaded.value else {
            line(marker + entry.name, highlighted ? .selected : .normal)
            line("⚠ " + (loaded.error?.message ?? "not probed"), .error)
            return row
        }
        let channel = settings.releaseChannel ?? "no channel"
        line("\(marker)\(entry.name)  \(channel) · \(settings.effectiveMode) · \(nextText(settings))",
             highlighted ? .selected : (entry.overlaps.isEmpty ? .normal : .warning))
        let windows = settings.schedule
        let anyTime = !settings.isManual && settings.windows.isEmpty
        for day in UpdateWeekday.allCases {
            guard row < bottom else { break }
            screen.put(row: row, col: inner.col, "\(day.short) ", role: .dim, width: min(4, inner.width))
            for hour in 0..<24 where 4 + hour < inner.width {
                let overlap = entry.overlaps.contains { $0.shared.covers(day: day, hour: hour) }
                let cell: (String, StyleRole)
                if overlap { cell = ("▓", .warning) }
                else if windows.covers(day: day, hour: hour) { cell = ("█", settings.isManual ? .info : .ok) }
                else if anyTime { cell = ("░", .warning) }
                else { cell = ("·", .dim) }
                screen.put(row: row, col: inner.col + 4 + hour, cell.0, role: cell.1)
            }
            row += 1
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
        return row
    }
}
