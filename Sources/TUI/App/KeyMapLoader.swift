import Foundation
import Yams
import ShipshapeCore
import PaneKit

/// Reads `keys.yaml`: actions rebound to keys. Strict, like the policy and estate files: an
/// unknown action, an unknown key name, a key given two actions or an empty list is an
/// error naming the file and line, because a typo must not leave a key doing something
/// the help does not say.
///
/// ```yaml
/// # ~/.config/shipshape/keys.yaml
/// keys:
///   moveDown: [j, Down, C-n]     # every context where the action is bound
///   details.cancel: [q, Esc]     # one context: console, details, prompt, confirm, form
///   zoom: Z
/// ```
///
/// Only keys change: whether an action changes a cluster is the standard table's, and
/// `confirm` may never be Enter or Esc (Cancel stays the default of every fix dialog).
public struct KeyMapLoader: Sendable {
    public init() {}

    /// `explicitPath`, else `$XDG_CONFIG_HOME/shipshape/keys.yaml` (or
    /// `~/.config/shipshape/keys.yaml`) when it exists, else the standard table.
    public func loadDefault(explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(KeyMapError) -> KeyMap {
        if let explicitPath { return try load(file: explicitPath) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        let path = config + "/shipshape/keys.yaml"
        return FileManager.default.fileExists(atPath: path) ? try load(file: path) : .standard
    }

    public func load(file: String) throws(KeyMapError) -> KeyMap {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw KeyMapError(file: file, line: nil, "cannot read the key file")
        }
        return try parse(text, file: file)
    }

    public func parse(_ text: String, file: String) throws(KeyMapError) -> KeyMap {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw KeyMapError(file: file, line: nil, "not valid YAML: \(error)")
        }
        var map = KeyMap.standard
        guard let root else { return map }
        guard let top = root.mapping else { throw KeyMapError(file: file, line: line(root), "the key file must be a mapping with 'keys:'") }
        // Conflicts are judged once every rebinding is in: swapping j and k is two lines.
        var lines: [Action: Int] = [:]
        for (key, value) in top {
            guard key.string == "keys" else {
                throw KeyMapError(file: file, line: line(key), "unknown key '\(key.string ?? "?")' (expected keys)")
            }
            guard let entries = value.mapping else { throw KeyMapError(file: file, line: line(value), "keys must be a mapping of action: key or [keys]") }
            for (name, keys) in entries {
                let (context, action) = try target(name, file)
                try map.rebind(action, in: context, to: parseKeys(keys, for: name.string ?? "", file))
                lines[action] = line(name)
            }
        }
        if let confirm = map.binding(of: .confirm, in: .confirm), confirm.keys.contains(where: { $0 == .enter || $0 == .escape }) {
            throw KeyMapError(file: file, line: lines[.confirm], "confirm cannot be Enter or Esc: Cancel is the default of every fix dialog")
        }
        if let (place, key, first, second) = map.conflicts().first {
            throw KeyMapError(file: file, line: lines[second] ?? lines[first],
                              "'\(key.label)' would do both \(first.rawValue) and \(second.rawValue) in \(place.rawValue)")
        }
        return map
    }

    /// `action` or `context.action`, both known and bound there.
    func target(_ node: Node, _ file: String) throws(KeyMapError) -> (KeyContext?, Action) {
        let text = node.string ?? ""
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        let context: KeyContext?
        let actionName: String
        if parts.count == 2 {
            guard let known = KeyContext(rawValue: parts[0]) else {
                throw KeyMapError(file: file, line: line(node), "unknown context '\(parts[0])' (known: \(KeyContext.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            context = known
            actionName = parts[1]
        } else {
            context = nil
            actionName = text
        }
        guard let action = Action(rawValue: actionName) else {
            throw KeyMapError(file: file, line: line(node), "unknown action '\(actionName)' (known: \(Action.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard KeyMap.standard.bindings.contains(where: { $0.action == action && (context == nil || $0.context == context) }) else {
            throw KeyMapError(file: file, line: line(node), "\(actionName) is not bound\(context.map { " in \($0.rawValue)" } ?? "") in the standard table")
        }
        return (context, action)
    }

    func parseKeys(_ node: Node, for name: String, _ file: String) throws(KeyMapError) -> [Key] {
        let items: [Node]
        if let sequence = node.sequence { items = Array(sequence) } else { items = [node] }
        guard !items.isEmpty else { throw KeyMapError(file: file, line: line(node), "\(name) needs at least one key") }
        var keys: [Key] = []
        for item in items {
            guard let text = item.string, let key = KeyNames.key(text) else {
                throw KeyMapError(file: file, line: line(item), "unknown key '\(item.string ?? "?")' for \(name) (a character, or Tab, S-Tab, Enter, Esc, Space, Backspace, Up, Down, Left, Right, PgUp, PgDn, Home, End, C-x)")
            }
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    func line(_ node: Node) -> Int? { node.mark?.line }
}
