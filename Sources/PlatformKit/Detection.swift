/// What a platform says when asked whether a cluster is its kind.
public enum Detection: Sendable, Equatable {
    /// It is, and why ("serves deckhouse.io and has ModuleConfig deckhouse").
    case confirmed(String)
    /// It is not, and why.
    case rejected(String)
    /// Only if nothing else confirms (Workflow for a plain Kubernetes context, etcd for
    /// endpoints that are not Deis v1).
    case fallback(String)

    public var reason: String {
        switch self {
        case .confirmed(let why), .rejected(let why), .fallback(let why): return why
        }
    }
}
