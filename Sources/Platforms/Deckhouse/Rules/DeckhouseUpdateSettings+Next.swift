import Foundation
import ShipshapeCore

extension DeckhouseUpdateSettings {
    /// When Deckhouse may next install a release, in words: "Sat 01:00 UTC, in 2d 3h",
    /// "open now, until Sun 04:00", "on approval (Manual)", "any time (no windows)".
    public func nextWindowText(now: Date) -> String {
        if isManual { return "on approval (Manual)" }
        if windows.isEmpty { return "any time (no windows)" }
        guard let next = schedule.next(after: now) else { return "-" }
        if next.openNow { return "open now, until \(Self.when(next.closes))" }
        return "\(Self.when(next.opens)) UTC, in \(Self.span(next.opens.timeIntervalSince(now)))"
    }

    /// When an allowed update may install, whatever the mode: inside the next window, or at
    /// once without windows (Deckhouse applies an approved release in its update windows).
    public func installText(now: Date) -> String {
        if windows.isEmpty { return "at once (no update windows)" }
        guard let next = schedule.next(after: now) else { return "-" }
        if next.openNow { return "now (the window is open until \(Self.when(next.closes)))" }
        return "in the next update window, \(Self.when(next.opens)) UTC (in \(Self.span(next.opens.timeIntervalSince(now))))"
    }

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
}
