import Foundation

/// What a plan does on the operator's machine rather than in the cluster.
public enum LocalAction: Sendable, Hashable, Codable {
    /// The snapshot was saved to `partial`; check it with `status`, then move it to
    /// `final` (never over an existing file) and record it.
    case keepEtcdSnapshot(partial: String, final: String, status: Command)
    /// Run the read-only `command` and keep its output as the file `final`: written to `partial`
    /// (mode 0600) and flushed, read back and checked — the same bytes, JSON, and the value at
    /// `jsonPath` equal to `expected` — then linked into place (never over an existing file) and
    /// recorded as a backup of `kind`. The output is never logged: it may hold secrets.
    case keepExport(command: Command, partial: String, final: String, kind: String, jsonPath: [String], expected: String)
    /// Record a backup made outside the console (who, when, where it went).
    case recordBackup(kind: String, by: String, location: String, note: String)
    case recordDrill(by: String, note: String)
    case markDone(ruleID: String, subject: String, by: String, note: String)
    /// Write one record (a maintenance step, an off-cluster backup copy) once the commands ran.
    case appendRecord(RecordEntry, by: String)

    /// Folders that must exist before the commands run (etcdctl does not create them).
    public var folders: [String] {
        switch self {
        case .keepEtcdSnapshot(let partial, _, _), .keepExport(_, let partial, _, _, _, _):
            return [(partial as NSString).deletingLastPathComponent]
        default:
            return []
        }
    }

    /// Files to delete when the plan fails half-way: no partial snapshot or export stays behind.
    public var leftovers: [String] {
        switch self {
        // etcdctl writes to PATH.part itself and renames when done.
        case .keepEtcdSnapshot(let partial, _, _): return [partial, partial + ".part"]
        case .keepExport(_, let partial, _, _, _, _): return [partial]
        default: return []
        }
    }
}
