import Foundation
@testable import ShipshapeCore
@testable import ShipshapeRunner
@testable import PaneKit
@testable import PlatformKit
@testable import KubernetesRules
@testable import KubernetesPanes
@testable import KubernetesKit
@testable import EtcdRules
@testable import EtcdPanes
@testable import EtcdPlatform
@testable import WorkflowRules
@testable import WorkflowPanes
@testable import WorkflowPlatform
@testable import DeckhouseRules
@testable import DeckhousePanes
@testable import DeckhousePlatform
@testable import Deis1Rules
@testable import Deis1Panes
@testable import Deis1Platform
@testable import SwarmRules
@testable import SwarmPanes
@testable import SwarmPlatform
@testable import ShipshapePlatforms
@testable import Engine
import TestKit

/// A Deis v1 target made of real processes: a real etcd cluster (`EtcdCluster`) and the
/// fleetctl stand-in (`Tests/Support/fleetctl`) serving a scenario file, both reached
/// through shipshape's own `ProcessRunner` and `Deis1Adapter`.
struct EtcdDeis1Lab {
    let cluster: EtcdCluster
    let directory: String
    /// The scenario file the fleetctl stand-in reads and rewrites.
    let fleetState: String
    /// One JSON line per fleetctl invocation (its argv).
    let fleetLog: String
    let runner: ProcessRunner
    let adapter: Deis1Adapter

    static let fleetEndpoint = Deis1Demo.fleetEndpoint

    static func start(keys: [String: String] = [:], scenarioJSON: String = Deis1Demo.json, readImages: Bool = true) async throws -> EtcdDeis1Lab {
        let cluster = try await EtcdCluster.start()
        do {
            let directory = try TestPaths.temporaryDirectory("deis1-lab")
            let fleetState = directory + "/scenario.json"
            let fleetLog = directory + "/fleetctl.log"
            try scenarioJSON.write(toFile: fleetState, atomically: true, encoding: .utf8)
            let path = TestPaths.support.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            let runner = EtcdCluster.runner(extra: ["PATH": path, "FLEETCTL_STANDIN_STATE": fleetState, "FLEETCTL_STANDIN_LOG": fleetLog])
            let etcd = EtcdTarget(endpoints: cluster.endpoints)
            for (key, value) in keys {
                _ = try await runner.run(etcd.etcdctl(["put", "--", key, value]))
            }
            let adapter = Deis1Adapter(target: Target(name: "lab", platform: .deis1), etcd: etcd,
                                       fleet: FleetTarget(endpoint: fleetEndpoint), runner: runner, readImages: readImages)
            return EtcdDeis1Lab(cluster: cluster, directory: directory, fleetState: fleetState, fleetLog: fleetLog, runner: runner, adapter: adapter)
        } catch {
            cluster.shutdown()
            throw error
        }
    }

    func shutdown() {
        cluster.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Reads a key straight through etcdctl, independently of the probe.
    func value(of key: String) async throws -> String {
        let output = try await runner.run(EtcdTarget(endpoints: cluster.endpoints).etcdctl(["get", key, "--print-value-only"]))
        return String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every fleetctl argv the lab's stand-in was called with.
    func fleetCalls() throws -> [[String]] {
        guard FileManager.default.fileExists(atPath: fleetLog) else { return [] }
        return try String(contentsOfFile: fleetLog, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String]
        }
    }

    /// Unit names in the stand-in's scenario file right now.
    func scenarioUnits() throws -> [String] {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fleetState))) as? [String: Any]
        let fleet = root?["fleet"] as? [String: Any]
        return (fleet?["units"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }
}
