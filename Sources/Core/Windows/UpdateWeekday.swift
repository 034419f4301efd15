import Foundation

/// A day of the week as Deckhouse names it in `update.windows[].days` (`Mon` … `Sun`).
/// Raw values count from Monday, so a week is minutes 0 (Mon 00:00 UTC) to 10,079.
public enum UpdateWeekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    /// The spelling the ModuleConfig schema accepts.
    public var short: String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue]
    }

    public static func < (lhs: UpdateWeekday, rhs: UpdateWeekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a day name, case-insensitively: the schema's `Mon`, or the full `Monday`.
    /// The controller compares lower-cased three-letter names, so both mean the same day.
    public static func parse(_ text: String) -> UpdateWeekday? {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard lower.count >= 3 else { return nil }
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        for day in allCases {
            if lower == day.short.lowercased() || lower == full[day.rawValue] { return day }
        }
        return nil
    }
}
