import ShipshapeCore
import PaneKit
/// Why a theme could not be loaded. Each case names the file and, where it applies, the
/// key path inside it ("roles.error.fg"), so the message says exactly what to fix.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    /// No `NAME.yaml` in any search directory, and no built-in theme of that name.
    case notFound(name: String, searched: [String])
    /// A theme name that is not a plain word (names select files; paths are loaded as files).
    case invalidName(String)
    /// The file exists but could not be read.
    case unreadable(file: String, reason: String)
    /// The file is not valid YAML, or not a mapping with `roles`.
    case invalidYAML(file: String, detail: String)
    /// A key under `roles` that is no `StyleRole`.
    case unknownRole(file: String, key: String)
    /// A key the theme format does not have (a typo such as `bodl`).
    case unknownKey(file: String, key: String)
    /// A colour value that is no colour name and not 0–255.
    case badColour(file: String, key: String, value: String)
    /// A value of the wrong kind (e.g. `bold: maybe`).
    case badValue(file: String, key: String, detail: String)

    public var description: String {
        switch self {
        case .notFound(let name, let searched):
            let places = searched.isEmpty ? "no search directories" : searched.joined(separator: ", ")
            return "theme '\(name)' not found (looked for \(name).yaml in: \(places))"
        case .invalidName(let name):
            return "theme name '\(name)' is not valid: use letters, digits, '-', '_' or give a path to a .yaml file"
        case .unreadable(let file, let reason):
            return "\(file): cannot read theme: \(reason)"
        case .invalidYAML(let file, let detail):
            return "\(file): not a valid theme: \(detail)"
        case .unknownRole(let file, let key):
            let roles = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(file): \(key): unknown role (roles are: \(roles))"
        case .unknownKey(let file, let key):
            return "\(file): \(key): unknown key (a role takes fg, bg, bold, dim, reverse, underline)"
        case .badColour(let file, let key, let value):
            let names = (["default"] + ThemeColor.names).joined(separator: ", ")
            return "\(file): \(key): unknown colour '\(value)' (use \(names), or 0-255)"
        case .badValue(let file, let key, let detail):
            return "\(file): \(key): \(detail)"
        }
    }
}
