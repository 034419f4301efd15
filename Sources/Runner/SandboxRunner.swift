import ShipshapeCore

/// One tool of a demo cluster, answered from memory: `kubectl` from a Kubernetes sandbox,
/// `docker` from a swarm, `etcdctl`, `fleetctl`, `deisctl`. Each checks that the call carries
/// its pinned target (context, host, endpoints) itself, as the real runner's callers must.
public protocol ToolSandbox: Sendable {
    func answer(_ command: Command) throws(RunError) -> CommandOutput
}

/// A `CommandRunner` for the embedded demo: answers tool argv from in-memory clusters
/// instead of starting processes. A tool no sandbox answers is "not found", as on a machine
/// without it.
public struct SandboxRunner: CommandRunner {
    public var tools: [String: any ToolSandbox]
    /// Simulated tool latency, so the demo shows loading states honestly.
    public var latencyMilliseconds: Int

    public init(tools: [String: any ToolSandbox] = [:], latencyMilliseconds: Int = 40) {
        self.tools = tools
        self.latencyMilliseconds = latencyMilliseconds
    }

    public func run(_ command: Command) async throws(RunError) -> CommandOutput {
        if latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(latencyMilliseconds)) }
        guard let tool = tools[command.executable] else { throw .missingBinary(command.executable) }
        return try tool.answer(command)
    }
}
