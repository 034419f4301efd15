import Foundation
import ShipshapeCore
import PlatformKit

/// Plans an etcd snapshot into the backup folder: a health check on one member, then
/// `etcdctl snapshot save` to a `.part` file, then (on this machine) `snapshot status` to verify
/// it, a link into place that never overwrites, and a record. Every platform whose cluster
/// names etcd endpoints (and whose data is in the v3 store) uses it.
public struct EtcdSnapshotPlanner: Sendable {
    public var target: Target

    public init(target: Target) {
        self.target = target
    }

    public func plan(_ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        // etcdctl takes a snapshot from exactly one member ("snapshot must be requested to
        // one selected node"): the first endpoint given.
        guard let etcd = target.etcd, let endpoint = etcd.endpoints.first else {
            return .failure(FixRefusal("\(target.name) names no etcd endpoint to take a snapshot from (--etcd-endpoints)"))
        }
        let stamp = Self.stamp(request.now)
        let directory = request.backupDirectory + "/" + Self.safeName(target.name)
        let final = "\(directory)/etcd-\(stamp).db"
        let partial = final + ".part"
        return .success(FixPlan(
            ruleID: request.ruleID, subject: request.subject, title: "Take an etcd snapshot", risk: .low, intent: .etcdSnapshot,
            changes: [.init(what: "new file (from \(endpoint))", from: "(none)", to: final)],
            commands: [etcd.etcdctl(member: endpoint, ["snapshot", "save", partial], timeoutSeconds: 120)],
            dryRunCommands: [],
            // A dead member would make `snapshot save` hang until the timeout; ask first.
            preconditions: [StateCheck(description: "\(endpoint) answers health checks",
                                       command: etcd.etcdctl(member: endpoint, ["endpoint", "health", "-w", "json"]),
                                       jsonPath: ["0", "endpoint"], expected: endpoint)],
            postconditions: [],
            local: .keepEtcdSnapshot(partial: partial, final: final,
                                     status: Command("etcdctl", ["snapshot", "status", partial, "-w", "json"], environment: EtcdTarget.v3))
        ))
    }

    public static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// Folder names from target names: nothing that climbs out of the backup folder.
    public static func safeName(_ name: String) -> String {
        let cleaned = name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }
        let result = String(cleaned).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return result.isEmpty ? "cluster" : result
    }
}
