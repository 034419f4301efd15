import Foundation
import Testing
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

/// Platform detection: fleet answering and /deis keys in etcd mean Deis v1.
@Suite("Deis v1 detection")
struct Deis1DetectorTests {
    func runner(fleetEndpoint: String = Deis1Demo.fleetEndpoint, json: String = Deis1Demo.json) throws -> SandboxRunner {
        let runner = SandboxRunner(tools: ["etcdctl": try EtcdSandbox(scenarioJSON: json, pinnedEndpoints: [Deis1Demo.etcdEndpoint]), "fleetctl": try FleetSandbox(scenarioJSON: json, pinnedEndpoint: fleetEndpoint)], latencyMilliseconds: 0)
        return runner
    }

    @Test("the demo cluster is Deis v1")
    func detected() async throws {
        let result = await Deis1Detector(runner: try runner(), etcd: EtcdTarget(endpoints: [Deis1Demo.etcdEndpoint]),
                                         fleet: FleetTarget(endpoint: Deis1Demo.fleetEndpoint)).detect()
        #expect(result.isDeis1)
        #expect(result.reasons == ["fleet answers at unix:///var/run/fleet.sock", "etcd holds /deis keys"])
    }

    @Test("no fleet answer, or no /deis keys: not Deis v1")
    func notDetected() async throws {
        let elsewhere = "http://10.9.9.9:49153"
        let silent = await Deis1Detector(runner: try runner(fleetEndpoint: elsewhere), etcd: EtcdTarget(endpoints: [Deis1Demo.etcdEndpoint]),
                                         fleet: FleetTarget(endpoint: elsewhere)).detect()
        #expect(!silent.fleetAnswers && silent.deisKeys && !silent.isDeis1)
        let noKeys = Deis1Demo.json.replacingOccurrences(of: "\"/deis/", with: "\"/other/")
        let bare = await Deis1Detector(runner: try runner(json: noKeys), etcd: EtcdTarget(endpoints: [Deis1Demo.etcdEndpoint]),
                                       fleet: FleetTarget(endpoint: Deis1Demo.fleetEndpoint)).detect()
        #expect(bare.fleetAnswers && !bare.deisKeys && !bare.isDeis1)
        #expect(bare.reasons.last == "etcd holds no /deis keys")
    }
}
