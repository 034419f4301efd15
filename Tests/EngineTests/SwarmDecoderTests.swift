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

/// The decoders against the output formats documented in reference/cli-formats.md §6.
@Suite struct SwarmDecoderTests {
    @Test func nodeListLinesGiveIDsAndSelf() throws {
        let lines = try SwarmDecoder.nodeLines(Array(SwarmFixtures.nodeLsLines.utf8))
        #expect(lines.map(\.ID) == ["37vj0kqrsebf576373tp7fxdb", "o5b5pu8jypmr3550zc70x3vsb"])
        #expect(lines.map { $0.Self ?? false } == [false, true])
        #expect(lines[1].ManagerStatus == "Leader")
    }

    @Test func nodeInspectManagerAndWorker() throws {
        let nodes = try SwarmDecoder.nodes(Array(SwarmFixtures.nodeInspect.utf8), selfID: "o5b5pu8jypmr3550zc70x3vsb")
        let manager = nodes[0], worker = nodes[1]
        #expect(manager.role == .manager && manager.isLeader && manager.reachability == "reachable" && manager.isSelf)
        #expect(manager.address == "127.0.0.1", "a manager's 0.0.0.0 gives way to its manager address")
        #expect(manager.cpus == 2 && manager.memoryBytes == 25_276_510_208)
        #expect(manager.engineVersion == "20.10.24+dfsg1" && manager.os == "linux" && manager.architecture == "x86_64")
        let updated = try #require(manager.updatedAt)
        #expect(abs(updated.timeIntervalSince1970 - (SwarmDate.parse("2026-11-25T11:31:18Z")!.timeIntervalSince1970 + 0.243784726)) < 0.001)
        #expect(worker.role == .worker && !worker.isLeader && worker.reachability == nil && !worker.isSelf)
        #expect(worker.availability == "drain" && worker.state == "down" && !worker.takesTasks)
        #expect(worker.labels == ["role": "router"] && worker.address == "198.18.7.2")
    }

    @Test func serviceListLines() throws {
        let lines = try SwarmDecoder.serviceLines(Array(SwarmFixtures.serviceLsLines.utf8))
        #expect(lines.map(\.ID) == ["s4bku4p7w4nz", "da7yxqijvuoy"])
        #expect(lines.map(\.Replicas) == ["2/2", "1/1"])
    }

    @Test func serviceInspectReadsSpecAndClassifiesEnvironment() throws {
        let services = try SwarmDecoder.services(Array(SwarmFixtures.serviceInspect.utf8))
        let router = services[0], agent = services[1]
        #expect(router.name == "deis-router" && router.mode == .replicated(2) && router.desiredReplicas == 2)
        #expect(router.constraints == ["node.labels.role==router"])
        #expect(router.mounts == [.init(type: "bind", source: "/tmp", target: "/host-tmp", readOnly: true),
                                  .init(type: "volume", source: "appdata", target: "/data")])
        #expect(router.secrets == ["router-cert"] && router.configs == ["router-conf"])
        #expect(router.ports == [.init(proto: "tcp", targetPort: 80, publishedPort: 8080, mode: "host")])
        let env = Dictionary(uniqueKeysWithValues: router.env.map { ($0.name, $0) })
        #expect(env["POSTGRES_PASSWORD"]?.value == .plain && env["POSTGRES_PASSWORD"]?.isPlainSecret == true)
        #expect(env["DB_PASSWORD_FILE"]?.looksSecret == false)
        #expect(env["API_TOKEN"]?.value == .secretFile && env["API_TOKEN"]?.isPlainSecret == false)
        #expect(env["EMPTY_SECRET"]?.value == .empty)
        #expect(env["LOG_LEVEL"]?.looksSecret == false)
        #expect(env["MASTER_KEY"]?.isPlainSecret == true)
        #expect(agent.mode == .global && agent.desiredReplicas == nil && agent.constraints.isEmpty && agent.ports.isEmpty)
    }

    @Test func environmentValuesAreNotKeptAnywhere() throws {
        let services = try SwarmDecoder.services(Array(SwarmFixtures.serviceInspect.utf8))
        let dump = String(reflecting: services) + String(describing: services)
        for value in ["hunter2-secret", "abc123", "debug"] { #expect(!dump.contains(value)) }
        let encoded = String(decoding: try JSONEncoder().encode(services), as: UTF8.self)
        #expect(!encoded.contains("hunter2-secret"))
    }

    @Test func taskLinesResolveNodesAndStripErrorQuotes() throws {
        let twins = [SwarmFixtures.manager("mgr"), SwarmFixtures.node("vm"),
                     SwarmNode(id: "other", hostname: "vm", role: .worker, availability: "active", state: "ready")]
        let (tasks, ambiguous) = try SwarmDecoder.tasks(Array(SwarmFixtures.servicePsLines.utf8), nodes: twins)
        #expect(tasks.map(\.name) == ["deis-router.1", "deis-router.2", "agent.o5b5pu8jypmr3550zc70x3vsb"])
        #expect(tasks.map(\.serviceName) == ["deis-router", "deis-router", "agent"])
        #expect(tasks[0].nodeID == "id-mgr" && tasks[0].state == "running" && tasks[0].isRunning)
        #expect(tasks[1].nodeID == nil && tasks[1].state == "pending" && tasks[1].nodeHostname == "")
        #expect(tasks[1].error == "no suitable node (1 node not available for new tasks; scheduling constraints not satisfied on 1 node)")
        #expect(tasks[2].nodeID == nil && ambiguous == ["vm"], "two nodes named vm: left for node ps to settle")
    }

    @Test func imageSizeAndInspectableReference() throws {
        #expect(try SwarmDecoder.imageSize(Array("1982256\n".utf8)) == 1_982_256)
        #expect(SwarmProbe.inspectable("local/sleeper:1.0@sha256:abc") == "local/sleeper@sha256:abc")
        #expect(SwarmProbe.inspectable("registry:5000/app@sha256:abc") == "registry:5000/app@sha256:abc")
        #expect(SwarmProbe.inspectable("registry:5000/app:2@sha256:abc") == "registry:5000/app@sha256:abc")
        #expect(SwarmProbe.inspectable("postgres:15") == "postgres:15")
    }

    /// What `docker image inspect --format '{{json .Size}} {{json .Config.Healthcheck}}'` printed on
    /// dockerd 20.10.24 for an image imported with `--change 'HEALTHCHECK …'` and one without.
    @Test func imageFactsGiveTheSizeAndTheHealthCheck() throws {
        let checked = try SwarmDecoder.imageFacts(Array(#"1982256 {"Test":["CMD","/bin/sh","-c","true"],"Interval":5000000000}"#.utf8) + [10])
        #expect(checked.size == 1_982_256 && checked.healthCheck)
        let plain = try SwarmDecoder.imageFacts(Array("1982256 null\n".utf8))
        #expect(plain.size == 1_982_256 && !plain.healthCheck)
        #expect(try SwarmDecoder.imageFacts(Array(#"5 {"Test":["NONE"]}"#.utf8)).healthCheck == false, "a child image can turn its parent's check off")
        #expect(throws: (any Error).self) { try SwarmDecoder.imageFacts(Array("big null".utf8)) }
    }

    /// `UpdateConfig` and `Healthcheck` as the docker 20.10 CLI stores them: it fills the update
    /// defaults (`Order: stop-first`), `--no-healthcheck` is `Test: ["NONE"]`.
    @Test func serviceUpdateOrderAndHealthCheck() throws {
        let json = #"""
        [{"ID":"a","Spec":{"Name":"s1","TaskTemplate":{"ContainerSpec":{"Image":"t/plain:1"}},"Mode":{"Replicated":{"Replicas":1}},
          "UpdateConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"}}},
         {"ID":"b","Spec":{"Name":"s2","TaskTemplate":{"ContainerSpec":{"Image":"t/plain:1","Healthcheck":{"Test":["NONE"]}}},"Mode":{"Replicated":{"Replicas":1}},
          "UpdateConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"start-first"}}},
         {"ID":"c","Spec":{"Name":"s3","TaskTemplate":{"ContainerSpec":{"Image":"t/plain:1","Healthcheck":{"Test":["CMD-SHELL","true"]}}},"Mode":{"Replicated":{"Replicas":1}}}}]
        """#
        let services = try SwarmDecoder.services(Array(json.utf8))
        #expect(services.map(\.healthCheck) == [.inherited, .disabled, .defined])
        #expect(services.map(\.updateOrder) == ["stop-first", "start-first", nil])
        #expect(services.map(\.effectiveUpdateOrder) == ["stop-first", "start-first", "stop-first"], "unset is docker's default")
    }

    @Test func nodeEventsKeepStateAndAvailabilityChanges() throws {
        let events = try SwarmDecoder.nodeEvents(Array(SwarmFixtures.nodeEventLines.utf8))
        #expect(events.count == 3, "the network event is not a node's")
        #expect(events[0].availabilityOld == "active" && events[0].availabilityNew == "drain" && events[0].stateNew == nil)
        #expect(events[1].stateOld == "ready" && events[1].stateNew == "down")
        #expect(events[2].nodeID == "bd2xhpkrz40jw3uyqlbb1o7e3" && abs(events[2].time.timeIntervalSince1970 - 1_796_168_494.916) < 0.01)
    }

    @Test func getentAddressesOncePerAddress() {
        let text = "198.51.100.11   STREAM app.example.com\n198.51.100.11   DGRAM  \n198.51.100.11   RAW    \n203.0.113.4     STREAM \n"
        #expect(SwarmDecoder.addresses(Array(text.utf8)) == ["198.51.100.11", "203.0.113.4"])
        #expect(SwarmDecoder.addresses([]) == [])
    }

    @Test func theOldCLIsLiteralJSONWordIsMalformed() {
        // docker CLI 20.10 prints the word `json` per row for `--format json` (§0).
        #expect(throws: (any Error).self) { try SwarmDecoder.nodeLines(Array("json\njson\n".utf8)) }
    }

    @Test func clusterStringsAreSanitised() throws {
        let evil = #"[{"ID":"n1","Spec":{"Role":"worker","Availability":"active","Labels":{"k":"v\u001b[31m"}},"Description":{"Hostname":"evil\u001b]0;pwned\u0007"},"Status":{"State":"ready"}}]"#
        let node = try #require(try SwarmDecoder.nodes(Array(evil.utf8)).first)
        #expect(node.hostname == "evil?]0;pwned?")
        #expect(node.labels["k"] == "v?[31m")
    }

    @Test func dockerTimestampsWithNanoseconds() {
        let date = SwarmDate.parse("2026-11-25T11:31:18.140325763Z")
        #expect(date.map { $0.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) } .map { abs($0 - 0.140325763) < 0.000_01 } == true)
        #expect(SwarmDate.parse("2026-11-25T11:31:18Z") != nil)
        #expect(SwarmDate.parse("yesterday") == nil)
    }
}
