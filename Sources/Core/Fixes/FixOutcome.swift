/// How a dry run went.
public enum DryRunOutcome: Sendable, Equatable {
    /// The server accepted every command; its answers, one per command.
    case accepted([String])
    case rejected(String)
    /// The live state no longer matches the plan.
    case stale(String)
}

/// How applying a fix went.
public enum ApplyOutcome: Sendable, Equatable {
    /// Ran and read back; `findingCleared` is false when the value changed but the
    /// rule still fails (e.g. new replicas not Ready yet).
    case applied(findingCleared: Bool, detail: String)
    case refused(String)
    case failed(String)

    public var succeeded: Bool {
        if case .applied = self { return true }
        return false
    }
}
