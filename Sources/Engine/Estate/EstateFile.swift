import PlatformKit

/// An estate file: the clusters an operator looks after, of any platform, each named once.
///
/// ```yaml
/// parallel: 8                        # clusters read at once (optional)
/// clusters:
///   - name: prod-eu
///     platform: workflow             # optional: detected from what the cluster serves
///     kubeconfig: ~/.kube/prod.yaml  # optional: $KUBECONFIG, else ~/.kube/config
///     context: prod-eu
///     labels: {env: prod}
///     production: true
///     readOnly: true                 # no fix, undo or drill, ever, from this console
///   - name: swarm-a
///     dockerHost: tcp://10.0.4.10:2376
///     dockerTLSVerify: true
///   - name: deis-legacy
///     fleetEndpoint: http://10.0.1.11:2379
///     fleetDriver: etcd
///     etcdEndpoints: [http://10.0.1.11:2379]
///   - name: etcd-a
///     etcdEndpoints: [https://10.0.9.11:2379]
///     etcdCACert: /etc/etcd/ca.pem
/// ```
public struct EstateFile: Sendable {
    public var path: String
    public var parallel: Int?
    /// Each cluster as a request, in file order; names are unique.
    public var clusters: [TargetRequest]

    public init(path: String, parallel: Int? = nil, clusters: [TargetRequest]) {
        self.path = path
        self.parallel = parallel
        self.clusters = clusters
    }

    public var names: [String] { clusters.compactMap(\.name) }

    /// The clusters `--cluster NAME…` picks, in the order given; an unknown name is an error
    /// naming the ones the file has.
    public func pick(_ names: [String]) throws(EstateError) -> [TargetRequest] {
        try names.map { (name: String) throws(EstateError) -> TargetRequest in
            guard let cluster = clusters.first(where: { $0.name == name }) else {
                throw EstateError(file: path, line: nil, "no cluster named \"\(name)\" (the estate has: \(self.names.joined(separator: ", ")))")
            }
            return cluster
        }
    }
}
