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

/// Decoding alone, on a node list captured from any cluster
/// (`kubectl get --raw /api/v1/nodes > FILE`): the same decoder the probe uses, on
/// exactly the bytes kubectl handed over.
enum RawDecodeBench {
    static func run(nodesFile path: String, runs: Int) throws(BenchError) -> [Figure] {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        let bytes = [UInt8](data)
        var count = 0
        var times: [Double] = []
        for round in 0..<(runs + 2) {
            var failure: (any Error)?
            let elapsed = Stopwatch.seconds {
                do { count = try KubeDecoder.nodes(bytes).count } catch { failure = error }
            }
            if let failure { throw BenchError("\(path): \(failure)") }
            if round >= 2 { times.append(elapsed) }
        }
        return [.info("decode node list from \((path as NSString).lastPathComponent), \(count) nodes", Stats.median(times) * 1000, "ms",
                      detail: "\(bytes.count / 1_048_576) MiB; \(Stats.describe(times, unit: "ms", scale: 1000))")]
    }
}
