/// One entry of `spec.settings.update.windows` exactly as the cluster stores it: strings,
/// unvalidated. Fix intents carry these, so a patch writes back the operator's other
/// windows untouched, and a precondition can compare them with what is live.
public struct UpdateWindowSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    public var from: String
    public var to: String
    /// nil when the entry has no `days` (every day).
    public var days: [String]?

    public init(from: String, to: String, days: [String]? = nil) {
        self.from = from
        self.to = to
        self.days = days
    }

    /// "Sat,Sun 01:00–04:00" or "daily 08:00–10:00" (times are UTC), sanitised for screens.
    public var description: String {
        let when = days.map { $0.isEmpty ? "daily" : $0.joined(separator: ",") } ?? "daily"
        return Sanitizer.line("\(when) \(from)–\(to)", maxLength: 80)
    }

    /// The JSON object a merge patch sends for this window (keys as the schema names them).
    public var jsonObject: [String: Any] {
        var object: [String: Any] = ["from": from, "to": to]
        if let days { object["days"] = days }
        return object
    }
}
