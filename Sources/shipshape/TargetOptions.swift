import ArgumentParser
import Engine

/// Flags that name the cluster. Resolved once at start and pinned.
struct TargetOptions: ParsableArguments {
    @Option(help: "Platform of the target: workflow.")
    var platform: PlatformID = .workflow

    @Option(help: "kubeconfig file (default: first file of $KUBECONFIG, else ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "kubeconfig context to pin (default: the current context at start).")
    var context: String?

    @Option(name: .customLong("etcd-endpoints"), help: "etcd client URLs, comma-separated (default: $ETCDCTL_ENDPOINTS).")
    var etcdEndpoints: String?

    @Option(name: .customLong("etcd-cacert"), help: "CA file for etcd TLS (default: $ETCDCTL_CACERT).")
    var etcdCACert: String?

    @Option(name: .customLong("etcd-cert"), help: "Client certificate for etcd TLS (default: $ETCDCTL_CERT).")
    var etcdCert: String?

    @Option(name: .customLong("etcd-key"), help: "Client key for etcd TLS (default: $ETCDCTL_KEY).")
    var etcdKey: String?

    @Option(name: .customLong("fleet-endpoint"), help: "fleet API endpoint (default: $FLEETCTL_ENDPOINT).")
    var fleetEndpoint: String?

    @Option(name: .customLong("docker-host"), help: "Docker daemon socket, e.g. unix:///var/run/docker.sock (default: $DOCKER_HOST).")
    var dockerHost: String?

    @Option(help: "Seconds before a tool call is abandoned.")
    var timeout: Double = 10

    @Flag(help: "Mark the target as production: drawn in its own colour everywhere.")
    var production = false

    /// Builds the adapter for a real cluster: pins the target through kubectl once.
    func makeAdapter(runner given: (any CommandRunner)? = nil) async throws -> any PlatformAdapter {
        let runner = ProcessRunner(defaultTimeoutSeconds: timeout)
        switch platform {
        case .workflow:
            let runner = given ?? runner
            let kube = try await KubeTargetResolver(runner: runner).resolve(kubeconfig: kubeconfig, context: context)
            let target = Target(name: kube.context, platform: .workflow, kube: kube, production: production)
            return WorkflowAdapter(target: target, kube: kube, runner: runner)
        case .deis1:
            return try Deis1Factory.makeAdapter(options: self, runner: runner)
        case .swarm:
            return try SwarmFactory.makeAdapter(options: self, runner: runner)
        default:
            throw ValidationError("platform \(platform.rawValue) is not available yet; use --platform workflow")
        }
    }
}

extension PlatformID: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension DemoScenario: ExpressibleByArgument {}
