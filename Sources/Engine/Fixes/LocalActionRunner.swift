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
        case .keepExport(let command, let partial, let final, let kind, let jsonPath, let expected):
            return try await keepExport(command, partial: partial, final: final, kind: kind, jsonPath: jsonPath, expected: expected, now: now)
        case .recordBackup(let kind, let by, let location, let note):
            try save { $0.backups.append(BackupRecord(target: target.name, kind: kind, takenAt: now, by: by, location: location,
                                                      verified: false, note: note)) }
            return "\(kind) backup recorded"
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

    /// Runs the read, writes its output to `partial` (0600, fsynced), reads the file back and
    /// checks it, then links it into place and records it. Nothing of the output is returned or
    /// logged: an export may hold secrets; the sentence names the file, its size and count.
    private func keepExport(_ command: Command, partial: String, final: String, kind: String, jsonPath: [String], expected: String,
                            now: Date) async throws(LocalActionError) -> String {
        guard !FileManager.default.fileExists(atPath: final) else {
            throw LocalActionError("\(final) already exists; exports are never overwritten")
        }
        let bytes: [UInt8]
        do { bytes = try await runner.run(command).stdout } catch {
            throw LocalActionError("the export read failed: \(error.description)")
        }
        let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw LocalActionError("cannot write \(partial): \(String(cString: strerror(errno)))") }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else { throw LocalActionError("cannot write \(partial): short write or fsync failed") }
        guard let readBack = FileManager.default.contents(atPath: partial), [UInt8](readBack) == bytes else {
            throw LocalActionError("\(partial) did not read back as written; it was not kept")
        }
        let found: String?
        do { found = try JSONPathReader.value(in: bytes, at: jsonPath) } catch {
            throw LocalActionError("the export is not the JSON expected (\(error)); it was not kept")
        }
        guard found == expected else {
            throw LocalActionError("the export holds \(found.map { Sanitizer.line($0, maxLength: 60) } ?? "nothing") at \(jsonPath.joined(separator: ".")), not \(expected); it was not kept")
        }
        guard link(partial, final) == 0 else {   // link, not rename: fails instead of replacing
            throw LocalActionError("cannot keep \(final): \(String(cString: strerror(errno)))")
        }
        unlink(partial)
        let entries = Self.countValues(bytes)
        let record = BackupRecord(target: target.name, kind: kind, takenAt: now, by: LocalPlanner.currentUser(), location: final,
                                  path: final, sizeBytes: Int64(bytes.count), entries: entries, verified: true, note: "taken and read back by the console")
        try save { $0.backups.append(record) }
        return "kept \(final) (\(bytes.count) bytes\(entries.map { ", \($0) values" } ?? ""), read back)"
    }

    /// Leaf values of an etcd v2 tree (`"value"` members of nodes that are not directories), for
    /// the record; nil when the output is not such a tree.
    static func countValues(_ bytes: [UInt8]) -> Int? {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let node = root["node"] as? [String: Any] else { return nil }
        func count(_ node: [String: Any]) -> Int {
            if node["dir"] as? Bool == true { return (node["nodes"] as? [[String: Any]] ?? []).map(count).reduce(0, +) }
            return 1
        }
        return count(node)
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
