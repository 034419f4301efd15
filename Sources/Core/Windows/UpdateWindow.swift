import Foundation

/// A validated update window: on `days` (every day when empty), from `from` to `to`, UTC.
/// When `to` is not after `from` the window runs past midnight into the next day — a
/// window `22:00`–`2:00` on Fri is open Fri 22:00 to Sat 02:00.
public struct UpdateWindow: Sendable, Hashable, CustomStringConvertible {
    public var days: [UpdateWeekday]
    public var from: WindowTime
    public var to: WindowTime

    public init(days: [UpdateWeekday], from: WindowTime, to: WindowTime) throws(UpdateWindowError) {
        guard from != to else { throw .emptyWindow(from.description) }
        self.days = Array(Set(days)).sorted()
        self.from = from
        self.to = to
    }

    /// Validates a window read from a cluster: the first problem found is the error.
    public init(spec: UpdateWindowSpec) throws(UpdateWindowError) {
        guard let from = WindowTime.parse(spec.from) else { throw .badTime(field: "from", value: spec.from) }
        guard let to = WindowTime.parse(spec.to) else { throw .badTime(field: "to", value: spec.to) }
        var days: [UpdateWeekday] = []
        for name in spec.days ?? [] {
            guard let day = UpdateWeekday.parse(name) else { throw .unknownDay(name) }
            days.append(day)
        }
        try self.init(days: days, from: from, to: to)
    }

    /// Validates what an operator typed: days as `Sat,Sun`, `Mon-Fri`, `daily` or empty
    /// (every day); times as `2:00` or `02:00`.
    public static func parse(days: String, from: String, to: String) throws(UpdateWindowError) -> UpdateWindow {
        let fromText = from.trimmingCharacters(in: .whitespaces), toText = to.trimmingCharacters(in: .whitespaces)
        guard !fromText.isEmpty else { throw .missingTime(field: "from") }
        guard !toText.isEmpty else { throw .missingTime(field: "to") }
        guard let start = WindowTime.parse(fromText) else { throw .badTime(field: "from", value: fromText) }
        guard let end = WindowTime.parse(toText) else { throw .badTime(field: "to", value: toText) }
        return try UpdateWindow(days: try parseDays(days), from: start, to: end)
    }

    /// `Sat,Sun`, `Mon-Fri`, `Fri-Mon` (wrapping), `daily`/`every day`/empty → all days.
    public static func parseDays(_ text: String) throws(UpdateWindowError) -> [UpdateWeekday] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || ["daily", "every day", "all", "*"].contains(trimmed.lowercased()) { return [] }
        var days: [UpdateWeekday] = []
        for part in trimmed.split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            if ends.count == 2 {
                guard let first = UpdateWeekday.parse(ends[0]) else { throw .unknownDay(ends[0]) }
                guard let last = UpdateWeekday.parse(ends[1]) else { throw .unknownDay(ends[1]) }
                var day = first.rawValue
                while true {
                    days.append(UpdateWeekday(rawValue: day)!)
                    if day == last.rawValue { break }
                    day = (day + 1) % 7
                }
            } else {
                guard ends.count == 1, let day = UpdateWeekday.parse(ends[0]) else { throw .unknownDay(String(part)) }
                days.append(day)
            }
        }
        // All seven days listed is the same as none listed; write it the short way.
        return Set(days).count == 7 ? [] : Array(Set(days)).sorted()
    }

    /// True when the window runs past midnight.
    public var crossesMidnight: Bool { to <= from }

    /// Length in minutes (at most a day).
    public var length: Int { crossesMidnight ? 1440 - from.minutes + to.minutes : to.minutes - from.minutes }

    /// The days it opens on: every day when none are listed.
    public var openingDays: [UpdateWeekday] { days.isEmpty ? UpdateWeekday.allCases : days }

    /// The entry to write into the ModuleConfig (no `days` key for every day).
    public var spec: UpdateWindowSpec {
        UpdateWindowSpec(from: from.description, to: to.description, days: days.isEmpty ? nil : days.map(\.short))
    }

    /// "Sat,Sun 01:00–04:00" / "daily 22:00–02:00 (+1d)".
    public var description: String {
        let when = days.isEmpty ? "daily" : days.map(\.short).joined(separator: ",")
        return "\(when) \(from)–\(to)" + (crossesMidnight ? " (+1d)" : "")
    }
}
