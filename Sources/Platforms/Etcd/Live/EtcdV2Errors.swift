import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules

/// What v2 `etcdctl` says when it fails (reference/cli-formats.md §1.6 and the Deis v1 lab's
/// README, observed with etcd 3.4.23): a missing key is exit 4 with `Error:  100: Key not found
/// (…)`; a server without the v2 API (etcd 3.4 without `--enable-v2`, every 3.5+) answers 404,
/// which etcdctl reports as `unexpected status code 404` or `response is invalid json`.
public enum EtcdV2Errors {
    /// How a fix's read-back recognises an absent key (and nothing else) as absent.
    public static let keyNotFound = StateCheck.AbsentSignal(status: 4, stderrContains: "100: Key not found")

    public static func isKeyNotFound(_ error: RunError) -> Bool {
        guard case .nonZeroExit(_, let status, let stderr) = error else { return false }
        return keyNotFound.matches(status: status, stderr: stderr)
    }

    /// The server answers, but not the v2 API.
    public static func isV2Missing(_ error: RunError) -> Bool {
        guard case .nonZeroExit(_, _, let stderr) = error else { return false }
        return stderr.contains("unexpected status code 404") || stderr.contains("response is invalid json")
    }

    /// A probe error worded for the operator.
    public static func probeError(_ error: RunError, what: String, endpoints: [String]) -> ProbeError {
        if isV2Missing(error) {
            return ProbeError(.failed, "\(what): etcd at \(endpoints.joined(separator: ",")) does not serve the v2 API (HTTP 404), where Deis v1 and fleet keep everything (etcd 3.4: --enable-v2; 3.5+ has none)")
        }
        return EtcdStderr.probeError(error, what: what)
    }
}
