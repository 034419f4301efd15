import ShipshapeCore
import PaneKit

/// A line being typed on the message line: the `:` command line, a `/` filter (applied to
/// its pane as it is typed) or a search in a details view.
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case command
        case filter(PaneKind)
        case search
    }

    public var kind: Kind
    public var text: String
    /// Position in the command history while ↑/↓ walk it; nil when typing fresh.
    public var historyIndex: Int?
    /// What Tab found when it could not complete alone ("nodes · etcd").
    public var hint: String?

    public init(kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }

    /// What the line shows before the text.
    public var lead: String {
        switch kind {
        case .command: ":"
        case .filter, .search: "/"
        }
    }

    static let maxLength = 200

    mutating func type(_ character: Character) {
        guard Sanitizer.line(String(character)) == String(character), text.count < Self.maxLength else { return }
        text.append(character)
        hint = nil
        historyIndex = nil
    }

    mutating func erase() {
        if !text.isEmpty { text.removeLast() }
        hint = nil
    }
}
