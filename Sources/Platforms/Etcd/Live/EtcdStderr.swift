import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPanes

/// Reads what etcdctl says on stderr when a call fails. etcdctl writes zap JSON
/// warnings (`{"level":"warn",…}`) before its own `Error: …` line, so the generic
/// "first line" would show log noise; this finds the sentence an operator needs.
enum EtcdStderr {
    static func reason(_ stderr: String) -> String {
        let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let plain = lines.filter { !$0.isEmpty && !$0.hasPrefix("{") }
        if let error = plain.last(where: { $0.hasPrefix("Error:") }) {
            return Sanitizer.line(String(error.dropFirst(6)).trimmingCharacters(in: .whitespaces), maxLength: 200)
        }
        if let line = plain.first { return Sanitizer.line(line, maxLength: 200) }
        return "no reason given"
    }

    /// A probe error for a failed etcdctl call, classified like every other probe's
    /// but worded with etcdctl's own error line.
    static func probeError(_ error: RunError, what: String) -> ProbeError {
        let classified = ProbeError.from(error, what: what)
        guard case .nonZeroExit(_, let status, let stderr) = error else { return classified }
        let reason = reason(stderr)
        switch classified.kind {
        case .unreachable: return ProbeError(.unreachable, "\(what): etcd unreachable — \(reason)")
        case .forbidden: return ProbeError(.forbidden, "\(what): access denied — \(reason)")
        default: return ProbeError(classified.kind, "\(what): etcdctl exited \(status): \(reason)")
        }
    }
}
