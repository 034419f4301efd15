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

/// Platform detection: a fleet that answers through its pinned driver, and `/deis` in etcd's
/// **v2** store (Deis v1 never writes v3), mean Deis v1.
@Suite("Deis v1 detection")
struct Deis1DetectorTests {
    let etcd = EtcdTarget(endpoints: [Deis1Demo.etcdEndpoint])
    let fleet = FleetTarget(endpoint: Deis1Demo.fleetEndpoint, driver: .etcd)

    func runner(fleetEndpoint: String = Deis1Demo.fleetEndpoint, json: String = Deis1Demo.json) throws -> SandboxRunner {
        SandboxRunner(tools: ["etcdctl": try EtcdSandbox(scenarioJSON: json, pinnedEndpoints: [Deis1Demo.etcdEndpoint]),
                              "fleetctl": try FleetSandbox(scenarioJSON: json, pinnedEndpoint: fleetEndpoint)], latencyMilliseconds: 0)
    }

    @Test("the demo cluster is Deis v1")
    func detected() async throws {
        let result = await Deis1Detector(runner: try runner(), etcd: etcd, fleet: fleet).detect()
        #expect(result.isDeis1)
        #expect(result.reasons == ["fleet answers (etcd http://10.0.1.11:2379)", "etcd's v2 store holds /deis"])
    }

    @Test("no fleet answer, or no /deis in v2: not Deis v1")
    func notDetected() async throws {
        let elsewhere = "http://10.9.9.9:2379"
        let silent = await Deis1Detector(runner: try runner(fleetEndpoint: elsewhere), etcd: etcd,
                                         fleet: FleetTarget(endpoint: elsewhere, driver: .etcd)).detect()
        #expect(!silent.fleetAnswers && silent.deisKeys && !silent.isDeis1)
        let noKeys = Deis1Demo.json.replacingOccurrences(of: "\"/deis/", with: "\"/other/")
        let bare = await Deis1Detector(runner: try runner(json: noKeys), etcd: etcd, fleet: fleet).detect()
        #expect(bare.fleetAnswers && !bare.deisKeys && !bare.isDeis1)
        #expect(bare.reasons.last == "etcd's v2 store holds no /deis (Deis v1 writes its configuration there)")
    }

    @Test("/deis keys only in the v3 keyspace are not Deis v1's: Deis never reads them")
    func v3KeysAreNotDeis() async throws {
        // The same keys, moved from the v2 store into the v3 keyspace (what the old tests seeded).
        let v3Only = Deis1Demo.json.replacingOccurrences(of: "\"keys\": {},\n  \"v2Keys\": {", with: "\"keys\": {")
        #expect(v3Only != Deis1Demo.json)
        let result = await Deis1Detector(runner: try runner(json: v3Only), etcd: etcd, fleet: fleet).detect()
        #expect(!result.deisKeys && !result.isDeis1)
    }

    @Test("fleetctl's API driver against an etcd URL gets its 404; the reason names --driver=etcd")
    func apiDriverAgainstEtcd() async throws {
        let result = await Deis1Detector(runner: try runner(), etcd: etcd, fleet: FleetTarget(endpoint: Deis1Demo.fleetEndpoint, driver: .api)).detect()
        #expect(!result.fleetAnswers)
        #expect(result.reasons[0].contains("404") && result.reasons[0].contains("--driver=etcd") && result.reasons[0].contains("FLEETCTL_DRIVER=etcd"))
    }

    @Test("an etcd 3.4 without --enable-v2: a clear reason, not a silent 'no keys'")
    func v2Disabled() async throws {
        let off = Deis1Demo.json.replacingOccurrences(of: "\"keys\": {},", with: "\"keys\": {}, \"v2Enabled\": false,")
        let result = await Deis1Detector(runner: try runner(json: off), etcd: etcd, fleet: fleet).detect()
        #expect(!result.isDeis1)
        #expect(result.reasons.last?.contains("does not serve the v2 API (HTTP 404)") == true)
    }
}
