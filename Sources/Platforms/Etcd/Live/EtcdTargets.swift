import Foundation
import ShipshapeCore
import PlatformKit

/// Pins etcd endpoints from a request: the endpoints it names (flags, estate file, else
/// `ETCDCTL_ENDPOINTS`), and TLS files that must exist. Shared by every platform whose
/// cluster has etcd (bare etcd, Deis v1, Kubernetes given `--etcd-endpoints`).
public enum EtcdTargets {
    /// `ETCDCTL_ENDPOINTS` (and its TLS variables) as a request, when set.
    public static func fromEnvironment(_ environment: [String: String]) -> TargetRequest.Etcd? {
        guard let list = environment["ETCDCTL_ENDPOINTS"].map(split), !list.isEmpty else { return nil }
        return TargetRequest.Etcd(endpoints: list, cacert: nonEmpty(environment["ETCDCTL_CACERT"]),
                                  cert: nonEmpty(environment["ETCDCTL_CERT"]), key: nonEmpty(environment["ETCDCTL_KEY"]))
    }

    public static func pin(_ request: TargetRequest.Etcd) throws -> EtcdTarget {
        let endpoints = request.endpoints.flatMap(split)
        guard !endpoints.isEmpty else { throw PinError("no etcd endpoint given") }
        for file in [request.cacert, request.cert, request.key].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: file) {
            throw PinError("etcd TLS file \(file) does not exist")
        }
        return EtcdTarget(endpoints: endpoints, cacert: request.cacert, cert: request.cert, key: request.key)
    }

    /// "http://a:2379, http://b:2379" → both, trimmed.
    public static func split(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }

    /// The name a bare etcd cluster goes by when the estate names none: its first endpoint's host.
    public static func defaultName(_ etcd: EtcdTarget) -> String {
        let first = etcd.endpoints.first ?? "etcd"
        let host = URLComponents(string: first)?.host
        return "etcd-" + (host.map { $0 + (URLComponents(string: first)?.port.map { ":\($0)" } ?? "") } ?? first)
    }
}
