import ArgumentParser
import Foundation
import Engine

/// Flags that name the cluster. Resolved once at start and pinned.
struct TargetOptions: ParsableArguments {
    @Option(help: "Platform of the target: workflow, deis1, swarm, deckhouse (default: detected — deckhouse when the cluster serves deckhouse.io and has ModuleConfig deckhouse, else workflow).")
    var platform: PlatformID?

    @Option(help: "kubeconfig file (default: first file of $KUBECONFIG, else ~/.kube/config).")
    var kubeconfig: String?

    @Option(name: .customLong("context"), help: "kubeconfig context to pin; repeat it to open several clusters side by side (default: the current context at start).")
    var contexts: [String] = []

    @Flag(name: .customLong("all-contexts"), help: "Open every context of the kubeconfig, each probed and pinned on its own.")
    var allContexts = false

    /// The first (or only) context asked for.
    var context: String? { contexts.first }

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

    @Flag(name: .customLong("docker-tls-verify"), help: "TLS to a tcp:// docker host, checking its certificate (default: on when $DOCKER_TLS_VERIFY is set).")
    var dockerTLSVerify = false

    @Option(name: .customLong("docker-cert-path"), help: "Folder with ca.pem, cert.pem, key.pem for docker TLS (default: $DOCKER_CERT_PATH, else ~/.docker).")
    var dockerCertPath: String?

    @Option(help: "Seconds before a tool call is abandoned.")
    var timeout: Double = 10

    @Flag(help: "Mark the target as production: drawn in its own colour everywhere.")
    var production = false

    /// Builds the adapter for a real cluster: pins the target through kubectl once.
    func makeAdapter() async throws -> any PlatformAdapter {
        try await makeAdapters()[0]
    }

    /// One adapter per cluster: each `--context` (or every context with `--all-contexts`)
    /// pinned on its own, its platform given by `--platform` or detected from what it serves.
    func makeAdapters() async throws -> [any PlatformAdapter] {
        var runner = ProcessRunner(defaultTimeoutSeconds: timeout)
        var platform = self.platform
        // Deis v1 is detected, not guessed: a fleet endpoint that answers and /deis keys in etcd.
        if platform == nil, let detected = try await detectDeis1(runner: runner) { platform = detected }
        // etcdctl 3.x picks its API from this variable; shipshape speaks v3 only.
        runner.environment[EtcdTarget.apiVariable.name] = EtcdTarget.apiVariable.value
        switch platform {
        case .deis1?, .swarm?:
            guard contexts.count <= 1, !allContexts else {
                throw ValidationError("--context and --all-contexts name Kubernetes clusters; --platform \(platform!.rawValue) takes its own endpoint flags")
            }
            return [platform == .deis1 ? try Deis1Factory.makeAdapter(options: self, runner: runner)
                                       : try SwarmFactory.makeAdapter(options: self, runner: runner)]
        default:
            let resolver = KubeTargetResolver(runner: runner)
            let kubes: [KubeTarget]
            if allContexts {
                kubes = try await resolver.resolve(kubeconfig: kubeconfig, contexts: try await resolver.contextNames(kubeconfig: kubeconfig))
            } else if contexts.count > 1 {
                kubes = try await resolver.resolve(kubeconfig: kubeconfig, contexts: contexts)
            } else {
                kubes = [try await resolver.resolve(kubeconfig: kubeconfig, context: context)]
            }
            var adapters: [any PlatformAdapter] = []
            for kube in kubes {
                adapters.append(try await makeKubernetesAdapter(kube, runner: runner))
            }
            return adapters
        }
    }

    /// `.deis1` when a fleet endpoint is given (flag or `FLEETCTL_ENDPOINT`) and the
    /// detector finds fleet answering and `/deis` keys in etcd; an error naming what was
    /// missing when a fleet endpoint is given but it is not Deis v1; nil otherwise.
    func detectDeis1(runner: ProcessRunner, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> PlatformID? {
        guard let fleet = fleetEndpoint ?? environment["FLEETCTL_ENDPOINT"], !fleet.isEmpty else { return nil }
        guard let adapter = try Deis1Factory.makeAdapter(options: self, runner: runner) as? Deis1Adapter,
              let etcd = adapter.target.etcd, let fleetTarget = adapter.target.fleet else { return nil }
        let result = await Deis1Detector(runner: adapter.runner, etcd: etcd, fleet: fleetTarget).detect()
        guard result.isDeis1 else {
            throw ValidationError("a fleet endpoint was given but this is not Deis v1: \(result.reasons.joined(separator: "; ")) (use --platform)")
        }
        return .deis1
    }

    /// `--etcd-endpoints` on a Kubernetes platform: the etcd pane and etcd rules join in.
    var explicitEtcd: EtcdTarget? {
        guard let endpoints = etcdEndpoints?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }),
              !endpoints.isEmpty else { return nil }
        return EtcdTarget(endpoints: endpoints, cacert: etcdCACert, cert: etcdCert, key: etcdKey)
    }

    func makeKubernetesAdapter(_ kube: KubeTarget, runner: ProcessRunner) async throws -> any PlatformAdapter {
        let chosen: PlatformID
        if let platform { chosen = platform } else { chosen = await DeckhouseDetection.detect(runner: runner, target: kube) }
        switch chosen {
        case .deckhouse:
            return DeckhouseFactory.makeAdapter(kube: kube, options: self, runner: runner)
        case .workflow:
            let target = Target(name: kube.context, platform: .workflow, kube: kube, etcd: explicitEtcd, production: production)
            return WorkflowAdapter(target: target, kube: kube, runner: runner)
        default:
            throw ValidationError("platform \(chosen.rawValue) is not a Kubernetes platform")
        }
    }
}

extension PlatformID: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension DemoScenario: ExpressibleByArgument {}
