/// A `CommandRunner` for the embedded demo: answers tool argv from in-memory
/// clusters instead of starting processes. It checks that every kubectl call carries
/// the pinned target — the same guarantee the real runner relies on.
public struct SandboxRunner: CommandRunner {
    public let kube: KubeSandbox?
    public let pinnedContext: String
    /// Simulated tool latency, so the demo shows loading states honestly.
    public var latencyMilliseconds: Int
    /// Answers `docker` (the Swarm demo); it checks the pinned `--host` itself.
    public var swarm: SwarmSandbox?
    /// Answers `etcdctl` and `fleetctl` (the Deis v1 demo); each checks its pinned endpoint itself.
    public var etcd: EtcdSandbox?
    public var fleet: FleetSandbox?

    public init(kube: KubeSandbox?, pinnedContext: String = "demo", latencyMilliseconds: Int = 40) {
        self.kube = kube
        self.pinnedContext = pinnedContext
        self.latencyMilliseconds = latencyMilliseconds
    }

    public func run(_ command: Command) async throws(RunError) -> CommandOutput {
        if latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(latencyMilliseconds)) }
        switch command.executable {
        case "kubectl":
            guard let kube else { throw .missingBinary("kubectl") }
            var args = command.arguments
            guard args.count >= 4, args[0] == "--kubeconfig", args[2] == "--context", args[3] == pinnedContext else {
                throw .nonZeroExit(command: command.displayLine, status: 1,
                                   stderr: "error: sandbox refuses a kubectl call without the pinned --kubeconfig/--context")
            }
            args.removeFirst(4)
            return try kube.kubectl(args)
        case "docker":
            guard let swarm else { throw .missingBinary("docker") }
            return try swarm.docker(command.arguments)
        case "etcdctl":
            guard let etcd else { throw .missingBinary("etcdctl") }
            return try etcd.etcdctl(command.arguments)
        case "fleetctl":
            guard let fleet else { throw .missingBinary("fleetctl") }
            return try fleet.fleetctl(command.arguments)
        default:
            throw .missingBinary(command.executable)
        }
    }
}
