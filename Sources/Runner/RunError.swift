/// Why a command did not produce usable output. Each case carries what an operator
/// needs to act on it, and reads as a sentence on screen.
public enum RunError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    case missingBinary(String)
    case nonZeroExit(command: String, status: Int32, stderr: String)
    case timedOut(command: String, seconds: Double)
    case outputTooLarge(command: String, limitBytes: Int)
    case undecodable(command: String, detail: String)
    case launchFailed(command: String, detail: String)

    public var description: String {
        switch self {
        case .missingBinary(let name):
            return "\(name) not found on PATH — install it or put it on PATH"
        case .nonZeroExit(let command, let status, let stderr):
            let reason = Self.firstMeaningfulLine(stderr)
            return "\(command.prefix(80)) exited \(status)" + (reason.isEmpty ? "" : ": \(reason)")
        case .timedOut(let command, let seconds):
            return "\(command.prefix(80)) gave no answer within \(Self.format(seconds)) s (stopped it)"
        case .outputTooLarge(let command, let limit):
            return "\(command.prefix(80)) printed more than \(limit / 1_048_576) MiB (stopped reading)"
        case .undecodable(let command, let detail):
            return "could not read output of \(command.prefix(80)): \(detail)"
        case .launchFailed(let command, let detail):
            return "could not start \(command.prefix(80)): \(detail)"
        }
    }

    /// The stderr text of a failed run, if any.
    public var stderr: String? {
        if case .nonZeroExit(_, _, let stderr) = self { return stderr }
        return nil
    }

    public static func firstMeaningfulLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return String((lines.first { !$0.isEmpty } ?? "").prefix(300))
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

import Foundation
import ShipshapeCore
