import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// The records file (`records.json` in the state directory). Every write goes to a
/// temporary file in the same directory, is fsynced, then renamed over the old one:
/// a crash mid-write leaves the previous records intact, never a torn file.
public final class RecordStore: Sendable {
    public let path: String
    private let lock = Mutex(())

    public init(path: String) {
        self.path = path
    }

    /// `$SHIPSHAPE_STATE_DIR/records.json`, else the XDG state directory.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (AuditLog.defaultPath(environment: environment) as NSString).deletingLastPathComponent + "/records.json"
    }

    /// The records, or empty ones when there is no file yet.
    public func load() throws(RecordStoreError) -> ConsoleRecords {
        try lock.withLock { _ throws(RecordStoreError) in try read() }
    }

    /// Reads, changes and writes back under one lock.
    public func update(_ change: (inout ConsoleRecords) -> Void) throws(RecordStoreError) {
        try lock.withLock { _ throws(RecordStoreError) in
            var records = try read()
            change(&records)
            try write(records)
        }
    }

    private func read() throws(RecordStoreError) -> ConsoleRecords {
        guard FileManager.default.fileExists(atPath: path) else { return ConsoleRecords() }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(ConsoleRecords.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path, String(describing: error))
        }
    }

    private func write(_ records: ConsoleRecords) throws(RecordStoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(records) else { throw .unwritable(path, "cannot encode") }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unwritable(path, String(describing: error))
        }
        let temporary = directory + "/.records.\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unwritable(path, String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .unwritable(path, reason)
        }
        // The rename itself must reach the disk too.
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
    }
}

public enum RecordStoreError: Error, Sendable, CustomStringConvertible {
    case unreadable(String, String)
    case unwritable(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path, let why): return "cannot read records \(path): \(why)"
        case .unwritable(let path, let why): return "cannot write records \(path): \(why)"
        }
    }
}
