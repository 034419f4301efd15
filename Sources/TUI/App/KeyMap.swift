import Foundation
import ShipshapeCore
import PaneKit

/// The key table in force: the standard one, with what `keys.yaml` rebinds. Every view
/// reads keys from here — the dispatcher, the help overlay, the key bar, `shipshape keys` —
/// so what the screen says a key does is what it does.
public struct KeyMap: Sendable, Equatable {
    public private(set) var bindings: [KeyBinding]

    public init(bindings: [KeyBinding] = KeyBinding.standard) {
        self.bindings = bindings
    }

    public static let standard = KeyMap()

    /// The binding `key` triggers in `context`.
    public func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        bindings.first { $0.context == context && $0.keys.contains(key) }
    }

    public func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.context == context }
    }

    /// The binding of `action` in `context` (its keys, help and label).
    public func binding(of action: Action, in context: KeyContext = .console) -> KeyBinding? {
        bindings.first { $0.context == context && $0.action == action }
    }

    /// How the key bar and messages name the key of an action: its first key.
    public func keyName(_ action: Action, in context: KeyContext = .console) -> String {
        binding(of: action, in: context)?.keys.first?.label ?? "(unbound)"
    }

    /// True when the action changes a cluster or the records wherever it is bound.
    public func isMutating(_ action: Action) -> Bool {
        bindings.contains { $0.action == action && $0.mutating }
    }

    /// Replaces the keys of the bindings of `action` (in `context`, or wherever it is bound).
    /// `mutating` stays as the standard table says.
    mutating func rebind(_ action: Action, in context: KeyContext?, to keys: [Key]) {
        for index in bindings.indices where bindings[index].action == action && (context == nil || bindings[index].context == context) {
            bindings[index].keys = keys
        }
    }

    /// Two actions on one key in one context: the first of each pair found.
    func conflicts() -> [(KeyContext, Key, Action, Action)] {
        var found: [(KeyContext, Key, Action, Action)] = []
        for context in KeyContext.allCases {
            var owner: [Key: Action] = [:]
            for binding in bindings(in: context) {
                for key in binding.keys {
                    if let other = owner[key], other != binding.action { found.append((context, key, other, binding.action)) }
                    owner[key] = binding.action
                }
            }
        }
        return found
    }

    /// The README's key table (Markdown), one row per binding, grouped by where it works.
    public var markdown: String {
        var lines = ["| where | key | action | changes the cluster |", "|---|---|---|---|"]
        for binding in bindings {
            let keys = binding.keys.map { $0 == .char("|") ? "`\\|`" : "`\($0.label)`" }.joined(separator: " ")
            lines.append("| \(binding.context.heading) | \(keys) | \(binding.help.replacingOccurrences(of: "|", with: "\\|")) | \(binding.mutating ? "yes" : "no") |")
        }
        return lines.joined(separator: "\n")
    }

    /// The help overlay's lines: every context's keys, what they do, and which change a cluster.
    public var helpLines: [String] {
        var lines: [String] = []
        for context in KeyContext.allCases {
            let rows = bindings(in: context)
            guard !rows.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append(context.heading.prefix(1).uppercased() + context.heading.dropFirst() + ":")
            for binding in rows {
                lines.append("  " + pad(binding.keyLabel, 14) + " " + binding.help + (binding.mutating ? "  [changes the cluster]" : ""))
            }
        }
        lines += ["", "Read-only mode (--read-only, an estate cluster marked readOnly, or R) refuses every key marked",
                  "[changes the cluster], here and on the command line. Keys are rebound in $XDG_CONFIG_HOME/shipshape/keys.yaml."]
        return lines
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
