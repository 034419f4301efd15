import ShipshapeCore

/// Turning a runner error into the sentence a pane shows: the Runner knows the errors,
/// the model only their classification.
extension ProbeError {
    /// Classifies a runner error using what kubectl/etcdctl/docker print on stderr.
    public static func from(_ error: RunError, what: String) -> ProbeError {
        switch error {
        case .missingBinary(let name):
            return ProbeError(.missingBinary, "\(what): \(name) not found on PATH")
        case .timedOut:
            return ProbeError(.timeout, "\(what): \(error)")
        case .outputTooLarge, .undecodable:
            return ProbeError(.malformed, "\(what): \(error)")
        case .launchFailed:
            return ProbeError(.failed, "\(what): \(error)")
        case .nonZeroExit(_, _, let stderr):
            let lower = stderr.lowercased()
            let reason = RunError.firstMeaningfulLine(stderr)
            if lower.contains("forbidden") || lower.contains("unauthorized") || lower.contains("permission denied") {
                return ProbeError(.forbidden, "\(what): access denied — \(reason)")
            }
            if lower.contains("connection refused") || lower.contains("no such host") || lower.contains("unable to connect")
                || lower.contains("i/o timeout") || lower.contains("cannot connect") || lower.contains("context deadline exceeded")
                || lower.contains("was refused") {
                return ProbeError(.unreachable, "\(what): cluster unreachable — \(reason)")
            }
            if lower.contains("notfound") || lower.contains("not found") {
                return ProbeError(.notFound, "\(what): \(reason)")
            }
            return ProbeError(.failed, "\(what): \(error)")
        }
    }
}
