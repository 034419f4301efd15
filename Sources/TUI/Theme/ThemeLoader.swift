import Foundation
import Yams
import ShipshapeCore
import PaneKit

/// Finds and loads themes.
///
/// A theme is `NAME.yaml`, looked for in order in `$SHIPSHAPE_THEME_DIR`, `./themes` and
/// `<executable>/../share/shipshape/themes`; "default" and "monochrome" are also built in,
/// so the binary works with no files around. A non-empty `NO_COLOR` wins over everything:
/// the result is `Theme.monochrome` whatever was asked for (https://no-color.org).
public struct ThemeLoader: Sendable {
    /// The environment read for `NO_COLOR` and `SHIPSHAPE_THEME_DIR`.
    public var environment: [String: String]
    /// The running executable, for the installed `../share/shipshape/themes`.
    public var executablePath: String?
    /// Base of the relative `./themes`.
    public var currentDirectory: String

    /// A loader for this process (its environment, executable and working directory);
    /// tests pass their own values.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executablePath: String? = Bundle.main.executablePath,
                currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.environment = environment
        self.executablePath = executablePath
        self.currentDirectory = currentDirectory
    }

    /// True when `NO_COLOR` is set to a non-empty value.
    public var noColor: Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The directories searched for `NAME.yaml`, in order.
    public var defaultSearchPaths: [String] {
        var paths: [String] = []
        if let dir = environment["SHIPSHAPE_THEME_DIR"], !dir.isEmpty {
            paths.append(dir)
        }
        paths.append((currentDirectory as NSString).appendingPathComponent("themes"))
        if let exe = executablePath {
            let real = URL(fileURLWithPath: exe).resolvingSymlinksInPath()
            let share = real.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/shipshape/themes")
            paths.append(share.standardizedFileURL.path)
        }
        return paths
    }

    /// Loads the theme called `name` (or, if `name` is a path or ends in `.yaml`/`.yml`,
    /// that file). Files in `searchPaths` (default: `defaultSearchPaths`) take precedence
    /// over the built-in "default" and "monochrome".
    public func load(named name: String, searchPaths: [String]? = nil) throws(ThemeError) -> Theme {
        if noColor { return .monochrome }
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            return try load(file: name)
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !name.isEmpty, !name.hasPrefix("."),
              name.unicodeScalars.allSatisfy({ allowed.contains($0) })
        else { throw .invalidName(name) }

        let paths = searchPaths ?? defaultSearchPaths
        for dir in paths {
            let file = (dir as NSString).appendingPathComponent("\(name).yaml")
            if FileManager.default.fileExists(atPath: file) {
                return try load(file: file)
            }
        }
        switch name {
        case "default": return .builtInDefault
        case "monochrome": return .monochrome
        default: throw .notFound(name: name, searched: paths)
        }
    }

    /// Loads one theme file. `NO_COLOR` still gives `Theme.monochrome`.
    public func load(file path: String) throws(ThemeError) -> Theme {
        if noColor { return .monochrome }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw .unreadable(file: path, reason: missing ? "no such file" : Self.reason(error))
        }
        let fallbackName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try Self.parse(yaml: text, source: path, fallbackName: fallbackName)
    }

    /// Parses theme YAML. `source` names the text in error messages (a file path).
    public static func parse(yaml: String, source: String, fallbackName: String = "custom") throws(ThemeError) -> Theme {
        let file: ThemeFile
        do {
            file = try YAMLDecoder().decode(ThemeFile.self, from: yaml)
        } catch let unknown as ThemeFile.UnknownKey {
            throw .unknownKey(file: source, key: (unknown.path + [unknown.key]).joined(separator: "."))
        } catch let DecodingError.dataCorrupted(context) where context.underlyingError is ThemeFile.UnknownKey {
            // Yams wraps errors thrown from init(from:) this way.
            let unknown = context.underlyingError as! ThemeFile.UnknownKey
            throw .unknownKey(file: source, key: (unknown.path + [unknown.key]).joined(separator: "."))
        } catch let DecodingError.typeMismatch(type, context) {
            throw .badValue(file: source, key: keyPath(context.codingPath),
                            detail: "expected \(typeName(type))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidYAML(file: source, detail: "missing key '\(keyPath(context.codingPath + [key]))'")
        } catch let DecodingError.valueNotFound(type, context) {
            throw .badValue(file: source, key: keyPath(context.codingPath),
                            detail: "expected \(typeName(type)), found nothing")
        } catch let DecodingError.dataCorrupted(context) {
            let at = context.codingPath.isEmpty ? "" : "\(keyPath(context.codingPath)): "
            let detail = context.underlyingError.map { reason($0) } ?? context.debugDescription
            throw .invalidYAML(file: source, detail: at + detail)
        } catch {
            throw .invalidYAML(file: source, detail: reason(error))
        }

        var styles: [StyleRole: RoleStyle] = [:]
        for (roleName, entry) in file.roles.sorted(by: { $0.key < $1.key }) {
            guard let role = StyleRole(rawValue: roleName) else {
                throw .unknownRole(file: source, key: "roles.\(roleName)")
            }
            func colour(_ value: String?, _ field: String) throws(ThemeError) -> ThemeColor {
                guard let value else { return .default }
                guard let colour = ThemeColor(name: value) else {
                    throw .badColour(file: source, key: "roles.\(roleName).\(field)", value: value)
                }
                return colour
            }
            styles[role] = RoleStyle(
                fg: try colour(entry.fg, "fg"), bg: try colour(entry.bg, "bg"),
                bold: entry.bold ?? false, dim: entry.dim ?? false,
                reverse: entry.reverse ?? false, underline: entry.underline ?? false)
        }
        return Theme(name: file.name ?? fallbackName, styles: styles)
    }

    private static func keyPath(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "top level" : path.map(\.stringValue).joined(separator: ".")
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: "true or false"
        case is String.Type: "a string"
        case is [String: ThemeFile.RoleEntry].Type, is ThemeFile.RoleEntry.Type: "a mapping"
        default: "\(type)" == "Mapping" ? "a mapping" : "\(type)"
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let yaml = error as? YamlError { return "\(yaml)" }
        return (error as NSError).localizedDescription
    }
}
