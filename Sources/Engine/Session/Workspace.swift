import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// The clusters open side by side — the estate, or the part of it the flags picked — each
/// with its own `Session` (its own pinned target, runner, rules and audit stamp).
public struct Workspace: Sendable {
    public let sessions: [Session]
    /// How many clusters are read at once.
    public var parallel: Int

    /// - Precondition: at least one session.
    public init(sessions: [Session], parallel: Int = 8) {
        precondition(!sessions.isEmpty, "a workspace needs at least one cluster")
        self.sessions = sessions
        self.parallel = parallel
    }

    public init(session: Session) {
        self.init(sessions: [session])
    }

    public var targets: [Target] { sessions.map(\.target) }

    /// Reads every cluster (bounded, see `Refresher.refreshAll`) and judges each against the others.
    public func refreshAll() async -> [Snapshot] {
        await Refresher.refreshAll(self, parallel: parallel)
    }
}
