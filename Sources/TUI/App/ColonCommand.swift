import ShipshapeCore
import PaneKit

/// What the `:` command line can say. Pane names are `PaneKind` ids, so a platform's own
/// panes (`:windows` on Deckhouse) need no table of their own here.
public enum ColonCommand: Sendable, Equatable {
    case pane(PaneKind)
    case board
    case cluster(String)
    case fix(String)
    case help
    case quit

    /// The action whose binding says whether the command changes a cluster: the dispatcher
    /// refuses `:fix` in read-only mode exactly as it refuses `f`.
    public var action: Action? {
        switch self {
        case .fix: .fix
        case .help: .help
        case .quit: .quit
        case .pane, .board, .cluster: nil
        }
    }

    static let verbs = ["board", "cluster", "fix", "help", "q", "quit"]

    /// Reads a command line; `panes` are the pane ids it may name.
    public static func parse(_ text: String, panes: [PaneKind]) -> Result<ColonCommand, CommandError> {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first?.lowercased() else { return .failure(CommandError("type a command: \(usage(panes))")) }
        let argument = words.dropFirst().joined(separator: " ")
        switch verb {
        case "q", "quit": return .success(.quit)
        case "help", "h", "?": return .success(.help)
        case "board", "estate": return .success(.board)
        case "cluster", "ctx", "context":
            return argument.isEmpty ? .failure(CommandError(":cluster needs a cluster name")) : .success(.cluster(argument))
        case "fix":
            return argument.isEmpty ? .failure(CommandError(":fix needs a rule id (Tab completes the failing ones)")) : .success(.fix(argument.uppercased()))
        default:
            // Any other word names a pane kind: a platform's own panes need no entry here, and
            // the console says when the current cluster has no such pane.
            guard words.count == 1, verb.allSatisfy({ $0.isLetter || $0 == "-" }) else {
                return .failure(CommandError("unknown command '\(text)': \(usage(panes))"))
            }
            return .success(.pane(panes.first { $0.id == verb } ?? PaneKind(verb)))
        }
    }

    static func usage(_ panes: [PaneKind]) -> String {
        (panes.map { ":" + $0.id } + [":board", ":cluster NAME", ":fix RULE", ":help", ":q"]).joined(separator: " ")
    }

    /// Tab on the command line: the candidates for the word being typed — a command or pane
    /// first, then a cluster name after `cluster`, a rule id after `fix`.
    public static func candidates(for text: String, panes: [PaneKind], clusters: [String], rules: [String]) -> [String] {
        let endsInSpace = text.hasSuffix(" ")
        let words = text.split(separator: " ").map(String.init)
        if words.count <= 1 && !endsInSpace {
            let prefix = (words.first ?? "").lowercased()
            return Array(Set(panes.map(\.id) + verbs)).filter { $0.hasPrefix(prefix) }.sorted()
        }
        let verb = words[0].lowercased()
        let prefix = endsInSpace ? "" : (words.last ?? "")
        switch verb {
        case "cluster", "ctx", "context": return clusters.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
        case "fix": return rules.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
        default: return []
        }
    }

    /// The line after Tab: completed to the candidates' common prefix (and a space when one
    /// candidate is left), plus the candidates to show when several remain.
    public static func complete(_ text: String, candidates: [String]) -> (text: String, hint: String?) {
        guard !candidates.isEmpty else { return (text, "no completion") }
        let endsInSpace = text.hasSuffix(" ")
        var words = text.split(separator: " ").map(String.init)
        let typed = endsInSpace ? "" : (words.popLast() ?? "")
        let common = candidates.dropFirst().reduce(candidates[0]) { prefix, candidate in
            String(zip(prefix, candidate).prefix { $0.lowercased() == $1.lowercased() }.map(\.0))
        }
        let word = common.count >= typed.count ? common : typed
        let line = (words + [word]).joined(separator: " ") + (candidates.count == 1 ? " " : "")
        return (line, candidates.count == 1 ? nil : candidates.prefix(12).joined(separator: " · "))
    }
}

/// A command line that cannot run, and why.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
