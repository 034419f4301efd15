import Foundation

/// What a plan does on the operator's machine rather than in the cluster.
public enum LocalAction: Sendable, Hashable, Codable {
    /// The snapshot was saved to `partial`; check it with `status`, then move it to
    /// `final` (never over an existing file) and record it.
    case keepEtcdSnapshot(partial: String, final: String, status: Command)
    case recordDrill(by: String, note: String)
    case markDone(ruleID: String, subject: String, by: String, note: String)
    /// Write one record (a maintenance step, an off-cluster backup copy) once the commands ran.
    case appendRecord(RecordEntry, by: String)

    /// Folders that must exist before the commands run (etcdctl does not create them).
    public var folders: [String] {
        if case .keepEtcdSnapshot(let partial, _, _) = self { return [(partial as NSString).deletingLastPathComponent] }
        return []
    }

    /// Files to delete when the plan fails half-way: no partial snapshot stays behind.
    public var leftovers: [String] {
        // etcdctl writes to PATH.part itself and renames when done.
        if case .keepEtcdSnapshot(let partial, _, _) = self { return [partial, partial + ".part"] }
        return []
    }
}
