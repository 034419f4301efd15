/// Why an update window cannot be used: read from a cluster that holds a malformed one,
/// or typed into the window form. Each case reads as a sentence an operator can act on.
public enum UpdateWindowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `field` is "from" or "to"; the value is what was given (sanitised when shown).
    case badTime(field: String, value: String)
    case unknownDay(String)
    /// `from` equals `to`: a window of no length (or of a whole day — ambiguous, so refused).
    case emptyWindow(String)
    case missingTime(field: String)
    /// The cluster already has exactly this window.
    case duplicate(String)

    public var description: String {
        switch self {
        case .badTime(let field, let value):
            return "\(field) \"\(Sanitizer.line(value, maxLength: 40))\" is not a time of day: use H:MM or HH:MM between 0:00 and 23:59 (UTC)"
        case .unknownDay(let value):
            return "\"\(Sanitizer.line(value, maxLength: 40))\" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun (or a range such as Mon-Fri)"
        case .emptyWindow(let time):
            return "from and to are both \(Sanitizer.line(time, maxLength: 20)): the window has no length"
        case .missingTime(let field):
            return "\(field) is empty: give a time such as 02:00 (UTC)"
        case .duplicate(let window):
            return "the cluster already has the window \(window)"
        }
    }
}
