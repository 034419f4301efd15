import ShipshapeCore
/// One key: missing, present with its value withheld (secrets), or present with a value.
public enum EtcdKeyValue: Sendable, Hashable {
    case absent
    /// Present; the value was deliberately not read (e.g. `/deis/router/sslKey`).
    case present
    case value(String)

    public var isSet: Bool {
        if case .absent = self { return false }
        return true
    }

    /// The value, when it was read and is not empty.
    public var text: String? {
        if case .value(let text) = self, !text.isEmpty { return text }
        return nil
    }

    /// How the value is shown: never the value of a withheld key.
    public var display: String {
        switch self {
        case .absent: return "(absent)"
        case .present: return "(set, value not read)"
        case .value(let text): return text.isEmpty ? "(empty)" : Sanitizer.line(text, maxLength: 80)
        }
    }
}
