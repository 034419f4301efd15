import Foundation
import ShipshapeCore

/// Short human forms for sizes and times in narrow columns.
public enum Formatting {
    public static func bytes(_ value: Int64?) -> String {
        guard let value else { return "?" }
        let gib = Double(value) / 1_073_741_824
        return gib >= 1 ? String(format: "%.1fGi", gib) : String(format: "%.0fMi", Double(value) / 1_048_576)
    }

    public static func cpu(_ millis: Int?) -> String {
        guard let millis else { return "?" }
        return millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
    }

    public static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : String(format: "%.1fs", value)
    }

    public static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: date)
    }

    public static func ago(_ date: Date?, now: Date = Date()) -> String {
        guard let date else { return "never" }
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 60 { return "\(max(seconds, 0))s ago" }
        if seconds < 3600 { return "\(seconds / 60)m ago" }
        if seconds < 48 * 3600 { return "\(seconds / 3600)h ago" }
        return "\(seconds / 86_400)d ago"
    }
}
