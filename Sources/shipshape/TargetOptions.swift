import ArgumentParser
import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesKit
import ShipshapePlatforms

/// Flags that name clusters. Each names a connection; together they become the requests the
/// estate resolver pins once, at start. With none of them, the estate file or the environment
/// says what to open.
struct TargetOptions: ParsableArguments {
    @Option(help: "Platform of the clusters the flags name: \(PlatformRegistry.standard.ids.map(\.rawValue).joined(separator: ", ")) (default: detected).")
    var platform: PlatformID?

    @Option(help: "kubeconfig file (default: first file of $KUBECONFIG, else ~/.kube/config).")
    var kubeconfig: String?

    @Option(name: .customLong("context"), help: "kubeconfig context to pin; repeat it to open several clusters side by side.")
    var contexts: [String] = []

    @Flag(name: .customLong("all-contexts"), help: "Open every context of the kubeconfig, each probed and pinned on its own.")
    var allContexts = false

    @Option(name: .customLong("etcd-endpoints"), help: "etcd client URLs, comma-separated: a bare etcd cluster; with --fleet-endpoint, Deis v1's; with --context, the etcd behind that Kubernetes cluster.")
    var etcdEndpoints: String?

    @Option(name: .customLong("etcd-cacert"), help: "CA file for etcd TLS (default: $ETCDCTL_CACERT).")
    var etcdCACert: String?

    @Option(name: .customLong("etcd-cert"), help: "Client certificate for etcd TLS (default: $ETCDCTL_CERT).")
    var etcdCert: String?

    @Option(name: .customLong("etcd-key"), help: "Client key for etcd TLS (default: $ETCDCTL_KEY).")
    var etcdKey: String?

    @Option(name: .customLong("fleet-endpoint"), help: "fleet endpoint (Deis v1; default: $FLEETCTL_ENDPOINT).")
    var fleetEndpoint: String?

    @Option(name: .customLong("fleet-driver"), help: "fleetctl driver: etcd or API (default: $FLEETCTL_DRIVER, else fleetctl's own).")
    var fleetDriver: String?

    @Option(name: .customLong("fleet-tunnel"), help: "SSH host fleetctl tunnels through (default: $FLEETCTL_TUNNEL).")
    var fleetTunnel: String?

    @Option(name: .customLong("docker-host"), help: "Docker daemon socket, e.g. unix:///var/run/docker.sock (default: $DOCKER_HOST).")
    var dockerHost: String?

    @Flag(name: .customLong("docker-tls-verify"), help: "TLS to a tcp:// docker host, checking its certificate (default: on when $DOCKER_TLS_VERIFY is set).")
    var dockerTLSVerify = false

    @Option(name: .customLong("docker-cert-path"), help: "Folder with ca.pem, cert.pem, key.pem for docker TLS (default: $DOCKER_CERT_PATH, else ~/.docker).")
    var dockerCertPath: String?

    @Option(help: "Estate file listing named clusters of any platform (default: $XDG_CONFIG_HOME/shipshape/estate.yaml when it exists).")
    var estate: String?

    @Option(name: .customLong("cluster"), help: "A cluster of the estate file, by name; repeat it to open several.")
    var clusters: [String] = []

    @Option(help: "Clusters read at once (default: the estate file's, else 8).")
    var parallel: Int?

    @Option(help: "Seconds before a tool call is abandoned.")
    var timeout: Double = 10

    @Flag(help: "Mark the clusters the flags name as production: drawn in their own colour everywhere.")
    var production = false

    func validate() throws {
        if !clusters.isEmpty, namesConnections {
            throw ValidationError("--cluster picks clusters of the estate file; it cannot be combined with connection flags (--context, --docker-host, …)")
        }
        if allContexts, !contexts.isEmpty { throw ValidationError("--all-contexts and --context name the same thing twice; give one") }
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if let fleetDriver, !["etcd", "API", "api"].contains(fleetDriver) { throw ValidationError("--fleet-driver is etcd or API") }
    }

    /// True when any flag names a connection (then neither the estate file nor the environment is read).
    var namesConnections: Bool {
        kubeconfig != nil || !contexts.isEmpty || allContexts || etcdEndpoints != nil || fleetEndpoint != nil || fleetTunnel != nil
            || dockerHost != nil || dockerTLSVerify || dockerCertPath != nil
    }

    var etcdRequest: TargetRequest.Etcd? {
        etcdEndpoints.map { TargetRequest.Etcd(endpoints: [$0], cacert: etcdCACert, cert: etcdCert, key: etcdKey) }
    }

    /// The requests the flags name, before pinning. `--all-contexts` reads the kubeconfig's list.
    func flagRequests(environment: [String: String], runner: any CommandRunner, registry: PlatformRegistry) async throws -> [TargetRequest] {
        var template = TargetRequest(platform: platform, origin: .flags, production: production)
        template.etcd = etcdRequest
        if allContexts {
            return try await KubernetesTargets.everyContext(kubeconfig: kubeconfig, environment: environment, runner: runner, template: template)
        }
        if kubeconfig != nil || !contexts.isEmpty {
            // The etcd endpoints given beside a context are that cluster's own etcd.
            return (contexts.isEmpty ? [nil] : contexts.map(Optional.some)).map { context in
                var request = template
                request.kube = TargetRequest.Kube(kubeconfig: kubeconfig, context: context)
                return request
            }
        }
        var requests: [TargetRequest] = []
        if fleetEndpoint != nil || fleetTunnel != nil {
            var request = template
            request.fleet = TargetRequest.Fleet(endpoint: fleetEndpoint, driver: fleetDriver ?? environment["FLEETCTL_DRIVER"], tunnel: fleetTunnel,
                                                deisctlTunnel: environment["DEISCTL_TUNNEL"].flatMap { $0.isEmpty ? nil : $0 })
            request.etcd = request.etcd ?? EtcdEnvironment.request(environment)
            requests.append(request)
        } else if etcdEndpoints != nil {
            requests.append(template)
        }
        if dockerHost != nil || dockerTLSVerify || dockerCertPath != nil {
            var request = template
            request.etcd = nil
            request.docker = TargetRequest.Docker(host: dockerHost, tlsVerify: dockerTLSVerify, certPath: dockerCertPath)
            requests.append(request)
        }
        // `--platform P` alone: that platform's clusters from the environment.
        if requests.isEmpty, let platform, let plugin = registry.plugin(for: platform) {
            let found = await plugin.discover(environment: environment, runner: runner).map { request -> TargetRequest in
                var request = request
                request.platform = platform
                request.production = production
                return request
            }
            return found.isEmpty ? [template] : found
        }
        return requests
    }
}

extension PlatformID: ExpressibleByArgument {
    public init?(argument: String) {
        guard let plugin = PlatformRegistry.standard.plugin(named: argument) else { return nil }
        self = plugin.id
    }
}

extension Severity: ExpressibleByArgument {}
