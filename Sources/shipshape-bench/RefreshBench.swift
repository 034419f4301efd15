import Foundation
import Engine
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import KubernetesRules
import KubernetesKit
import KubernetesPanes
import WorkflowRules
import WorkflowPlatform
import ShipshapePlatforms

/// A full refresh through the real kubectl against the API test server, against the
/// same `kubectl get --raw` reads run bare and concurrently. Runs alternate (bare,
/// refresh, refresh, bare, …) so both see the same machine; the discovery cache is
/// warmed first.
enum RefreshBench {
    static func run(kubeconfig: String, context: String, runs: Int) async throws(BenchError) -> [Figure] {
        let environment = ProcessRunner.explicitEnvironment()
        guard environment["KUBECACHEDIR"] != nil else { throw BenchError("set KUBECACHEDIR: each benchmark server gets a cache of its own") }
        let runner = ProcessRunner(defaultTimeoutSeconds: 60, environment: environment)
        let kube = KubeTarget(kubeconfig: kubeconfig, context: context)
        let target = Target(name: context, platform: .workflow, kube: kube)
        let adapter = WorkflowAdapter(target: target, kube: kube, runner: runner)
        let engine = RuleEngine(rules: WorkflowPlugin().rules)

        // Which reads a refresh makes, learned by recording one (timed refreshes use the bare runner).
        let recorder = RecordingRunner(inner: runner)
        _ = await WorkflowAdapter(target: target, kube: kube, runner: recorder).probe()
        let commands = recorder.commands
        let failing = Set(recorder.failedCommands)

        // Warm-up: discovery cache, the server's list caches, the engine's first-use costs.
        var nodes = 0
        for _ in 0..<2 {
            let state = await adapter.probe()
            guard state.failures.isEmpty else { throw BenchError("refresh failed: \(state.failures.map(\.message))") }
            nodes = state.kubernetes.nodes.value?.count ?? 0
        }
        _ = try BareKubectl.run(commands, environment: environment, failing: failing)

        var bare: [Double] = []
        var refresh: [Double] = []
        var cpu: [Double] = []
        for round in 0..<runs {
            // ABBA order: neither side always runs on a machine the other just warmed.
            let bareFirst = round % 2 == 0
            if bareFirst { bare.append(try BareKubectl.run(commands, environment: environment, failing: failing)) }
            var failed: [ProbeError] = []
            let cpuBefore = ProcStatus.cpuSeconds()
            refresh.append(await Stopwatch.seconds {
                let state = await adapter.probe()
                _ = engine.evaluate(state)
                failed = state.failures
            })
            cpu.append(ProcStatus.cpuSeconds() - cpuBefore)
            guard failed.isEmpty else { throw BenchError("refresh failed: \(failed.map(\.message))") }
            if !bareFirst { bare.append(try BareKubectl.run(commands, environment: environment, failing: failing)) }
        }
        // The ratio of medians; each refresh against the bare run beside it is shown too, since a
        // neighbour's load that comes and goes weighs on both sides of each pair alike.
        let pairs = zip(refresh, bare).map { $0 / $1 }
        let ratio = Stats.median(refresh) / Stats.median(bare)
        return [
            .info("bare concurrent kubectl get --raw, \(nodes) nodes", Stats.median(bare) * 1000, "ms",
                  detail: "\(commands.count) reads (\(failing.count) not served, as in the refresh); \(Stats.describe(bare, unit: "ms", scale: 1000))"),
            .info("full refresh (probe + rules), \(nodes) nodes", Stats.median(refresh) * 1000, "ms",
                  detail: Stats.describe(refresh, unit: "ms", scale: 1000)),
            .info("shipshape's own CPU per refresh, \(nodes) nodes", Stats.median(cpu) * 1000, "ms",
                  detail: "user + system time of the process (kubectl not included); \(Stats.describe(cpu, unit: "ms", scale: 1000))"),
            .below("refresh / bare kubectl, \(nodes) nodes", ratio, "×", limit: 1.10, inclusive: true,
                   detail: "ratio of medians over \(runs) alternating runs, warm discovery cache; per pair (refresh / the bare run beside it) median \(Figure.format(Stats.median(pairs))), min \(Figure.format(pairs.min() ?? 0)), max \(Figure.format(pairs.max() ?? 0))"),
        ]
    }
}
