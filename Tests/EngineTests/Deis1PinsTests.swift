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

/// How a Deis v1 request becomes pins, as fleetctl and deisctl resolve them (fleetctl/fleetctl.go:
/// `--driver` defaults to API, every global flag also from `FLEETCTL_<FLAG>`; deisctl takes one
/// `--endpoint=` and `DEISCTL_TUNNEL`), once, at start, and how the header names them.
@Suite("Deis v1 pins")
struct Deis1PinsTests {
    let plugin = Deis1Plugin()
    let runner = SandboxRunner(tools: [:], latencyMilliseconds: 0)

    func pin(_ environment: [String: String]) async throws -> Target {
        let requests = await plugin.discover(environment: environment, runner: runner)
        let request = try #require(requests.first)
        return try await plugin.pin(request, environment: environment, runner: runner)
    }

    @Test("the Deis v1 era's environment: FLEETCTL_DRIVER=etcd, FLEETCTL_ENDPOINT, FLEETCTL_TUNNEL, DEISCTL_TUNNEL")
    func fromEnvironment() async throws {
        let target = try await pin(["FLEETCTL_DRIVER": "etcd", "FLEETCTL_ENDPOINT": "http://10.0.1.11:2379,http://10.0.1.12:2379",
                                    "FLEETCTL_TUNNEL": "10.0.1.11", "DEISCTL_TUNNEL": "10.0.1.11:22"])
        let fleet = try #require(target.fleet), deisctl = try #require(target.deisctl), etcd = try #require(target.etcd)
        #expect(fleet.flags == ["--driver=etcd", "--endpoint=http://10.0.1.11:2379,http://10.0.1.12:2379", "--tunnel=10.0.1.11"])
        #expect(etcd.endpoints == ["http://10.0.1.11:2379", "http://10.0.1.12:2379"], "with the etcd driver fleet's endpoints are the etcd cluster")
        #expect(deisctl.deisctl(["list"]).argv == ["deisctl", "--endpoint=http://10.0.1.11:2379", "--tunnel=10.0.1.11:22", "list"])
        #expect(target.label == "Deis v1 · fleet etcd http://10.0.1.11:2379,http://10.0.1.12:2379 via 10.0.1.11 · deisctl http://10.0.1.11:2379 via 10.0.1.11:22")
        #expect(target.name == "10.0.1.11")
    }

    @Test("no driver: fleetctl's own default, the API, on fleet's socket; etcd and deisctl on the local member")
    func defaults() async throws {
        let target = try await pin(["DEISCTL_TUNNEL": "bastion"])
        #expect(target.fleet?.flags == ["--driver=API", "--endpoint=unix:///var/run/fleet.sock"])
        #expect(target.etcd?.endpoints == ["http://127.0.0.1:2379"])
        #expect(target.deisctl?.tunnel == "bastion" && target.deisctl?.endpoint == "http://127.0.0.1:2379")
        let etcdDriver = try await pin(["FLEETCTL_DRIVER": "etcd", "DEISCTL_TUNNEL": "bastion"])
        #expect(etcdDriver.fleet?.endpoint == "http://127.0.0.1:2379,http://127.0.0.1:4001", "fleetctl's default for the etcd driver")
    }

    @Test("explicit etcd endpoints and TLS files win, and deisctl gets the same files")
    func explicitEtcd() async throws {
        let directory = NSTemporaryDirectory() + "pins-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        FileManager.default.createFile(atPath: directory + "/ca.pem", contents: Data())
        let target = try await pin(["FLEETCTL_ENDPOINT": "http://10.0.1.11:2379", "FLEETCTL_DRIVER": "etcd",
                                    "ETCDCTL_ENDPOINTS": "https://10.0.1.21:2379", "ETCDCTL_CACERT": directory + "/ca.pem"])
        #expect(target.etcd?.endpoints == ["https://10.0.1.21:2379"])
        #expect(target.deisctl?.deisctl([]).arguments == ["--endpoint=https://10.0.1.21:2379", "--etcd-cafile=\(directory)/ca.pem"])
    }

    @Test("a driver fleetctl does not know is refused at start")
    func badDriver() async throws {
        let request = TargetRequest(origin: .flags, fleet: .init(endpoint: "http://e:2379", driver: "grpc"))
        await #expect(throws: PinError.self) { try await plugin.pin(request, environment: [:], runner: runner) }
    }

    @Test("targets recorded before the driver was pinned decode with fleetctl's default")
    func oldTargets() throws {
        let old = #"{"name":"d","platform":"deis1","fleet":{"endpoint":"unix:///var/run/fleet.sock"},"production":false}"#
        let target = try JSONDecoder().decode(Target.self, from: Data(old.utf8))
        #expect(target.fleet?.driver == .api && target.deisctl == nil)
    }

    @Test("watch: a machine dropping out of fleet, one appearing, the router count changing")
    func fleetEvents() {
        let m1 = Deis1Fixtures.machine(1), m2 = Deis1Fixtures.machine(2), m3 = Deis1Fixtures.machine(3)
        var old = Deis1Fixtures.state(fleet: Deis1Fixtures.fleet([m1, m2], [Deis1Fixtures.unit("deis-router@1.service", on: m1)]))
        old.target = Target(name: "t", platform: .deis1)
        let new = Deis1Fixtures.state(fleet: Deis1Fixtures.fleet([m1, m3], [Deis1Fixtures.unit("deis-router@1.service", on: m1),
                                                                           Deis1Fixtures.unit("deis-router@2.service", on: m3)]))
        let events = plugin.events(from: old, to: new, at: Date())
        #expect(events.map(\.kind) == [.nodeNotReady, .nodeAdded, .replicasChanged])
        #expect(events[0].subject == m2.label && events[2].text == "active routers 1 → 2")
    }
}
