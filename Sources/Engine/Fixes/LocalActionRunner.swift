import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Carries out a plan's local action: verifies and keeps a snapshot, writes records.
struct LocalActionRunner: Sendable {
    var runner: any CommandRunner
    var records: RecordStore
    var target: Target

    /// Returns a sentence describing what was kept, or throws a reason.
    func perform(_ action: LocalAction, now: Date = Date()) async throws(LocalActionError) -> String {
        switch action {
        case .keepEtcdSnapshot(let partial, let final, let status):
            guard !FileManager.default.fileExists(atPath: final) else {
                throw LocalActionError("\(final) already exists; snapshots are never overwritten")
            }
            let info: SnapshotStatus
            do {
                info = try SnapshotStatus.decode(try await runner.run(status).stdout)
            } catch {
                throw LocalActionError("the snapshot did not read back (\(error)); it was not kept")
            }
            guard link(partial, final) == 0 else {   // link, not rename: fails instead of replacing
                throw LocalActionError("cannot keep \(final): \(String(cString: strerror(errno)))")
            }
            unlink(partial)
            let size = (try? FileManager.default.attributesOfItem(atPath: final)[.size] as? Int64) ?? info.totalSize
            let record = EtcdSnapshotRecord(target: target.name, path: final, takenAt: now, sizeBytes: size ?? 0,
                                            hash: info.hash, revision: info.revision, totalKeys: info.totalKey, verified: true)
            try save { $0.etcdSnapshots.append(record) }
            return "kept \(final) (revision \(info.revision.map(String.init) ?? "?"), \(info.totalKey.map(String.init) ?? "?") keys, hash \(info.hash.map { String($0, radix: 16) } ?? "?"))"
        case .recordDrill(let by, let note):
            try save { $0.drills.append(DrillRecord(target: target.name, doneAt: now, by: by, note: note)) }
            return "restore drill recorded"
        case .markDone(let ruleID, let subject, let by, let note):
            try save { $0.manualDone.append(ManualDoneRecord(target: target.name, ruleID: ruleID, subject: subject, doneAt: now, by: by, note: note)) }
            return "\(ruleID) marked checked"
        case .appendRecord(let entry, let by):
            let target = target.name
            try save { $0.append(entry, target: target, by: by, at: now) }
            return "recorded \(entry.summary)"
        }
    }

    private func save(_ change: (inout ConsoleRecords) -> Void) throws(LocalActionError) {
        do { try records.update(change) } catch { throw LocalActionError(error.description) }
    }
}

struct LocalActionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `etcdctl snapshot status -w json`: `{"hash":…,"revision":…,"totalKey":…,"totalSize":…}`.
struct SnapshotStatus: Decodable {
    var hash: UInt64?
    var revision: Int64?
    var totalKey: Int64?
    var totalSize: Int64?

    static func decode(_ bytes: [UInt8]) throws -> SnapshotStatus {
        try JSONDecoder().decode(SnapshotStatus.self, from: Data(bytes))
    }
}
