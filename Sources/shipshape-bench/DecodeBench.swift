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

/// Decode + rules, in process: a fixture is loaded into the demo sandbox, the real
/// Workflow probe reads it once through a recording runner, and then the probe and
/// the rules run again and again on the recorded bytes — so the time is the
/// engine's own (decoding and judging), with no process start and no sandbox.
enum DecodeBench {
    struct Result {
        let nodes: Int
        let seconds: [Double]
        var median: Double { Stats.median(seconds) }
    }

    static let kube = KubeTarget(kubeconfig: "(bench)", context: "demo")

    static func run(fixtures: [String], runs: Int) async throws(BenchError) -> [Figure] {
        var figures: [Figure] = []
        var results: [Result] = []
        for path in fixtures {
            let (result, nodesAlone, bytes) = try await measure(fixture: path, runs: runs)
            results.append(result)
            let n = result.nodes
            let ms = result.median * 1000
            let detail = "\(Stats.describe(result.seconds, unit: "ms", scale: 1000)); \(bytes / 1_048_576) MiB read; nodes list alone \(Figure.format(nodesAlone * 1000)) ms"
            figures.append(n == 5_000
                ? .below("decode + rules, \(n) nodes", ms, "ms", limit: 150, detail: detail)
                : .info("decode + rules, \(n) nodes", ms, "ms", detail: detail))
            figures.append(.info("decode + rules per node, \(n) nodes", result.median / Double(n) * 1e6, "µs"))
        }
        if let small = results.min(by: { $0.nodes < $1.nodes }), let large = results.max(by: { $0.nodes < $1.nodes }),
           large.nodes > small.nodes {
            // Growth exponent k in t ∝ n^k: 1 is linear, 2 quadratic.
            let k = log(large.median / small.median) / log(Double(large.nodes) / Double(small.nodes))
            figures.append(.below("decode + rules growth exponent, \(small.nodes) → \(large.nodes) nodes", k, "",
                                  limit: 1.10, inclusive: true,
                                  detail: "t ∝ n^k; 1 is linear. \(Figure.format(small.median * 1000)) ms → \(Figure.format(large.median * 1000)) ms"))
        }
        return figures
    }

    static func measure(fixture path: String, runs: Int) async throws(BenchError) -> (Result, Double, Int) {
        let replay = try await record(fixture: path)
        let adapter = WorkflowAdapter(target: Target(name: "bench", platform: .workflow, kube: kube), kube: kube, runner: replay)
        let engine = RuleEngine(rules: WorkflowPlugin().rules)
        var nodeCount = 0
        var seconds: [Double] = []
        for round in 0..<(runs + 2) {
            var findings = 0
            let elapsed = await Stopwatch.seconds {
                let state = await adapter.probe()
                findings = engine.evaluate(state).count
                nodeCount = state.kubernetes.nodes.value?.count ?? 0
            }
            guard findings > 0, nodeCount > 0 else { throw BenchError("\(path): the probe read no nodes from the sandbox") }
            if round >= 2 { seconds.append(elapsed) }   // two warm-up rounds
        }
        let nodesCommand = kube.rawGet("/api/v1/nodes").argv
        guard let nodeBytes = replay.answers[nodesCommand]?.stdout else { throw BenchError("no nodes read recorded") }
        var alone: [Double] = []
        for _ in 0..<max(runs / 2, 3) {
            alone.append(Stopwatch.seconds { _ = try? KubeDecoder.nodes(nodeBytes) })
        }
        return (Result(nodes: nodeCount, seconds: seconds), Stats.median(alone), replay.totalBytes)
    }

    /// Loads the fixture into `KubeSandbox` and records one probe's answers.
    static func record(fixture path: String) async throws(BenchError) -> ReplayRunner {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw BenchError("cannot read \(path): \(error)") }
        let sandbox: KubeSandbox
        do { sandbox = try KubeSandbox(scenarioJSON: text) } catch { throw BenchError("\(path) is not a sandbox scenario: \(error)") }
        let recorder = RecordingRunner(inner: SandboxRunner(tools: ["kubectl": PinnedKubeSandbox(sandbox, context: kube.context)], latencyMilliseconds: 0))
        let state = await KubernetesProbe(runner: recorder, target: kube).probe()
        let failures = ClusterState(target: Target(name: "bench", platform: .workflow), kubernetes: state).failures
        guard failures.isEmpty else { throw BenchError("\(path): sandbox read failed: \(failures.map(\.message))") }
        return recorder.replay
    }
}
