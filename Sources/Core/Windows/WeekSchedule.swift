import Foundation

/// A set of update windows laid out on one UTC week, as half-open minute ranges within
/// `0..<10_080` (Mon 00:00 to Sun 24:00), merged where they touch. A window that runs past
/// Sunday midnight continues on Monday, because the week repeats. Everything the update
/// windows pane and DH-WINDOWS-OVERLAP need — overlap, the next window, the hour grid — is
/// arithmetic on these ranges.
public struct WeekSchedule: Sendable, Hashable {
    public static let minutesPerWeek = 7 * 1440

    /// Sorted, merged, non-empty ranges.
    public let ranges: [Range<Int>]

    public init(_ windows: [UpdateWindow]) {
        var pieces: [Range<Int>] = []
        for window in windows {
            for day in window.openingDays {
                let start = day.rawValue * 1440 + window.from.minutes
                let end = start + window.length
                if end <= Self.minutesPerWeek {
                    pieces.append(start..<end)
                } else {
                    pieces.append(start..<Self.minutesPerWeek)
                    pieces.append(0..<(end - Self.minutesPerWeek))
                }
            }
        }
        ranges = Self.merge(pieces)
    }

    public init(ranges: [Range<Int>]) {
        self.ranges = Self.merge(ranges)
    }

    static func merge(_ pieces: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for piece in pieces.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, piece.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, piece.upperBound)
            } else {
                merged.append(piece)
            }
        }
        return merged
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// Minutes per week the windows are open.
    public var openMinutes: Int { ranges.reduce(0) { $0 + $1.count } }

    /// Where both schedules are open (empty when they never are at the same time).
    public func overlap(with other: WeekSchedule) -> WeekSchedule {
        var shared: [Range<Int>] = []
        for a in ranges {
            for b in other.ranges where a.overlaps(b) {
                shared.append(max(a.lowerBound, b.lowerBound)..<min(a.upperBound, b.upperBound))
            }
        }
        return WeekSchedule(ranges: shared)
    }

    /// True when any part of the hour `hour` on `day` is inside a window (the grid cell).
    public func covers(day: UpdateWeekday, hour: Int) -> Bool {
        let cell = (day.rawValue * 1440 + hour * 60)..<(day.rawValue * 1440 + hour * 60 + 60)
        return ranges.contains { $0.overlaps(cell) }
    }

    /// The minute of the UTC week `date` falls in.
    public static func minuteOfWeek(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        // Calendar counts Sunday as 1; the week here starts on Monday.
        let day = ((parts.weekday ?? 2) + 5) % 7
        return day * 1440 + (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    /// The window open at `date` (with its real end, across the week boundary), or the
    /// next one to open; nil when there are no windows at all.
    public func next(after date: Date) -> NextWindow? {
        guard let first = ranges.first else { return nil }
        let seconds = Int(date.timeIntervalSince1970) % 60
        let now = Self.minuteOfWeek(date)
        let base = date.addingTimeInterval(-Double(seconds))
        func at(_ minute: Int) -> Date { base.addingTimeInterval(Double(minute - now) * 60) }
        // A range that ends at the week boundary continues into the first one when it starts at 0.
        func end(of range: Range<Int>) -> Int {
            if range.upperBound == Self.minutesPerWeek, first.lowerBound == 0, range != first {
                return Self.minutesPerWeek + first.upperBound
            }
            return range.upperBound
        }
        if let open = ranges.first(where: { $0.contains(now) }) {
            if open == first, open.lowerBound == 0, let last = ranges.last, last != first, last.upperBound == Self.minutesPerWeek {
                return NextWindow(opens: at(last.lowerBound - Self.minutesPerWeek), closes: at(open.upperBound), openNow: true)
            }
            return NextWindow(opens: at(open.lowerBound), closes: at(end(of: open)), openNow: true)
        }
        if let upcoming = ranges.first(where: { $0.lowerBound > now }) {
            return NextWindow(opens: at(upcoming.lowerBound), closes: at(end(of: upcoming)), openNow: false)
        }
        return NextWindow(opens: at(first.lowerBound + Self.minutesPerWeek),
                          closes: at(first.upperBound + Self.minutesPerWeek), openNow: false)
    }

    /// "Sat 03:00–05:00, Sun 23:00–Mon 01:00" for messages.
    public var summary: String {
        ranges.map(Self.describe).joined(separator: ", ")
    }

    static func describe(_ range: Range<Int>) -> String {
        let startDay = UpdateWeekday(rawValue: range.lowerBound / 1440)!
        let endMinute = range.upperBound % Self.minutesPerWeek
        let endDay = UpdateWeekday(rawValue: endMinute / 1440)!
        let start = WindowTime(minutes: range.lowerBound % 1440)!.description
        let endTime = WindowTime(minutes: endMinute % 1440)!.description
        // An end at midnight reads better as 24:00 of the same day.
        if endMinute % 1440 == 0, range.upperBound - range.lowerBound <= 1440,
           (endDay.rawValue + 6) % 7 == startDay.rawValue {
            return "\(startDay.short) \(start)–24:00"
        }
        return endDay == startDay && range.count < 1440
            ? "\(startDay.short) \(start)–\(endTime)" : "\(startDay.short) \(start)–\(endDay.short) \(endTime)"
    }
}
