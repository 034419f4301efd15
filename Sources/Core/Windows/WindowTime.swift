/// A time of day in a Deckhouse update window, in minutes after midnight UTC. The schema
/// pattern is `^(?:\d|[01]\d|2[0-3]):[0-5]\d$`: `8:00`, `08:00` and `23:59` are valid,
/// `24:00`, `25:00`, `8:5` and `8h` are not.
public struct WindowTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0..<1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Parses the schema's format; nil for anything else.
    public static func parse(_ text: String) -> WindowTime? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        return WindowTime(minutes: hour * 60 + minute)
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// `HH:MM`, the form shipshape writes (the schema accepts it).
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (lhs: WindowTime, rhs: WindowTime) -> Bool { lhs.minutes < rhs.minutes }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
