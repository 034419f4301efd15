import Foundation
import Synchronization
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Append-only JSON-lines audit log in the XDG state directory. Each entry is one
/// `write(2)` followed by `fsync`, so nothing sits in a buffer when the process dies.
public final class AuditLog: Sendable {
    public let path: String
    private let state: Mutex<State>

    private struct State {
        var descriptor: Int32
        var recent: [AuditEntry] = []
    }

    static let recentLimit = 500

    public init(path: String) throws(AuditLogError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotOpen(path, String(describing: error))
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .cannotOpen(path, String(cString: strerror(errno))) }
        state = Mutex(State(descriptor: fd))
    }

    deinit {
        state.withLock { _ = close($0.descriptor) }
    }

    /// `$SHIPSHAPE_STATE_DIR`, else `$XDG_STATE_HOME/shipshape`, else `~/.local/state/shipshape`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["SHIPSHAPE_STATE_DIR"], !dir.isEmpty { return dir + "/audit.jsonl" }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/shipshape/audit.jsonl" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/shipshape/audit.jsonl"
    }

    public func append(_ entry: AuditEntry) throws(AuditLogError) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(entry) else { throw .cannotWrite(path, "entry could not be encoded") }
        line.append(0x0A)
        let failure: String? = state.withLock { state in
            let written = line.withUnsafeBytes { write(state.descriptor, $0.baseAddress, $0.count) }
            guard written == line.count else { return String(cString: strerror(errno)) }
            _ = fsync(state.descriptor)
            state.recent.append(entry)
            if state.recent.count > Self.recentLimit { state.recent.removeFirst(state.recent.count - Self.recentLimit) }
            return nil
        }
        if let failure { throw .cannotWrite(path, failure) }
    }

    /// Entries written by this process, oldest first (bounded).
    public func recent() -> [AuditEntry] {
        state.withLock { $0.recent }
    }

    /// Every entry in the file, for `shipshape undo` and reports.
    public static func read(path: String) throws -> [AuditEntry] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { try? decoder.decode(AuditEntry.self, from: Data($0.utf8)) }
    }
}

public enum AuditLogError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(String, String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let why): return "cannot open audit log \(path): \(why)"
        case .cannotWrite(let path, let why): return "cannot write audit log \(path): \(why)"
        }
    }
}
