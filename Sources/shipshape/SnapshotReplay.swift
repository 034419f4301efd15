import Foundation
import ShipshapeCore
import ShipshapeRunner
import ShipshapePlatforms
import Engine
import PlatformKit

/// `--replay FILE`: each cluster of a snapshot file (one object, or an array of them for an
/// estate), answered from its recorded calls.
enum SnapshotReplay {
    static func sessions(file: String, audit: AuditLog, policy: Policy) throws -> [Session] {
        let registry = PlatformRegistry.standard
        return try StateSnapshotFile.decodeAll(try Data(contentsOf: URL(fileURLWithPath: file))).map { snapshot in
            let adapter = try registry.adapter(for: snapshot.target, runner: ReplayRunner(calls: snapshot.calls))
            return Session(plugin: registry.plugin(for: adapter.target.platform)!, adapter: adapter, audit: audit, policy: policy)
        }
    }
}
