/// Why a window cannot be planned for a cluster.
public enum AddWindowError: Error, Sendable, Equatable, CustomStringConvertible {
    case notDeckhouse(String)
    case unreadable(String)
    case duplicate(String)

    public var description: String {
        switch self {
        case .notDeckhouse(let platform): return "update windows are a Deckhouse setting; this cluster is \(platform)"
        case .unreadable(let why): return "cannot add a window: \(why)"
        case .duplicate(let window): return "the cluster already has the window \(window)"
        }
    }
}
