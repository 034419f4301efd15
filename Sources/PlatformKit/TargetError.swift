import ShipshapeCore

/// Why no target could be pinned; shipshape refuses to start rather than guess.
public enum TargetError: Error, Sendable, Equatable, CustomStringConvertible {
    case kubeconfigMissing(String)
    case noCurrentContext(String)
    case cannotResolve(String)
    case unknownContext(String, String, [String])

    public var description: String {
        switch self {
        case .kubeconfigMissing(let path): return "kubeconfig \(path) does not exist (use --kubeconfig)"
        case .noCurrentContext(let path): return "kubeconfig \(path) has no current context (use --context)"
        case .cannotResolve(let detail): return "could not pin the target: \(detail)"
        case .unknownContext(let name, let path, let known):
            let shown = known.prefix(10).joined(separator: ", ") + (known.count > 10 ? ", …" : "")
            return "kubeconfig \(path) has no context \"\(Sanitizer.line(name))\" (it has: \(Sanitizer.line(shown)))"
        }
    }
}
