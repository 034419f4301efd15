import ShipshapeCore

/// A cluster asked for, before it is pinned: from flags, from an entry of the estate file, or
/// from what the environment names. Each platform's plug-in says which requests are its kind
/// (`accepts`) and pins them (`pin`), resolving defaults once, at start.
public struct TargetRequest: Sendable, Hashable {
    /// Where the request came from, so errors can point at it.
    public enum Origin: Sendable, Hashable, CustomStringConvertible {
        case flags
        case estateFile(path: String, line: Int)
        /// Found in the environment: the variable or file that named it.
        case environment(String)
        case demo

        public var description: String {
            switch self {
            case .flags: return "the command line"
            case .estateFile(let path, let line): return "\(path):\(line)"
            case .environment(let what): return what
            case .demo: return "the demo"
            }
        }
    }

    public struct Kube: Sendable, Hashable {
        /// nil: first file of `$KUBECONFIG`, else `~/.kube/config`.
        public var kubeconfig: String?
        /// nil: the kubeconfig's current context at start.
        public var context: String?
        public init(kubeconfig: String? = nil, context: String? = nil) {
            self.kubeconfig = kubeconfig
            self.context = context
        }
    }

    public struct Etcd: Sendable, Hashable {
        public var endpoints: [String]
        public var cacert: String?
        public var cert: String?
        public var key: String?
        public init(endpoints: [String], cacert: String? = nil, cert: String? = nil, key: String? = nil) {
            self.endpoints = endpoints
            self.cacert = cacert
            self.cert = cert
            self.key = key
        }
    }

    public struct Fleet: Sendable, Hashable {
        public var endpoint: String?
        /// `etcd` or `API` (fleetctl's `--driver`); nil: fleetctl's own default.
        public var driver: String?
        public var tunnel: String?
        /// deisctl's `DEISCTL_TUNNEL`.
        public var deisctlTunnel: String?
        public init(endpoint: String? = nil, driver: String? = nil, tunnel: String? = nil, deisctlTunnel: String? = nil) {
            self.endpoint = endpoint
            self.driver = driver
            self.tunnel = tunnel
            self.deisctlTunnel = deisctlTunnel
        }
    }

    public struct Docker: Sendable, Hashable {
        /// nil: `$DOCKER_HOST`, else the local socket.
        public var host: String?
        public var tlsVerify: Bool
        public var certPath: String?
        public init(host: String? = nil, tlsVerify: Bool = false, certPath: String? = nil) {
            self.host = host
            self.tlsVerify = tlsVerify
            self.certPath = certPath
        }
    }

    /// The cluster's name on the board and in the audit log (an estate entry's name); nil: the
    /// platform names it from its connection (a kube context, a docker host).
    public var name: String?
    /// nil: detected.
    public var platform: PlatformID?
    public var origin: Origin
    public var kube: Kube?
    public var etcd: Etcd?
    public var fleet: Fleet?
    public var docker: Docker?
    public var production: Bool
    public var readOnly: Bool
    public var labels: [String: String]

    public init(name: String? = nil, platform: PlatformID? = nil, origin: Origin, kube: Kube? = nil, etcd: Etcd? = nil,
                fleet: Fleet? = nil, docker: Docker? = nil, production: Bool = false, readOnly: Bool = false,
                labels: [String: String] = [:]) {
        self.name = name
        self.platform = platform
        self.origin = origin
        self.kube = kube
        self.etcd = etcd
        self.fleet = fleet
        self.docker = docker
        self.production = production
        self.readOnly = readOnly
        self.labels = labels
    }

    /// How people would call it before it is pinned: its name, else its connection.
    public var label: String {
        if let name { return name }
        if let kube { return "context \(kube.context ?? "(current)")" }
        if let fleet { return "fleet \(fleet.endpoint ?? fleet.deisctlTunnel ?? "(default)")" }
        if let docker { return "docker \(docker.host ?? "(default socket)")" }
        if let etcd { return "etcd \(etcd.endpoints.joined(separator: ","))" }
        return "(unnamed)"
    }

    /// True when every pin of `other` is also one of this request's: the environment's
    /// `ETCDCTL_ENDPOINTS` alone is part of a Deis v1 request that also has the fleet endpoint.
    public func covers(_ other: TargetRequest) -> Bool {
        (other.kube == nil || other.kube == kube) && (other.etcd == nil || other.etcd == etcd)
            && (other.fleet == nil || other.fleet == fleet) && (other.docker == nil || other.docker == docker)
    }
}
