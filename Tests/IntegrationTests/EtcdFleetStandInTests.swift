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

/// The fleetctl stand-in (Tests/Support/fleetctl) with the real etcd: it prints the same
/// bytes as the demo's fleet sandbox (two independent renderings of the documented
/// formats), and fleet fixes run through it end to end.
@Suite(.serialized)
struct EtcdFleetStandInTests {
    static func standIn(_ scenario: String = Deis1Demo.json) throws -> (ProcessRunner, String) {
        let directory = try TestPaths.temporaryDirectory("fleetctl-standin")
        try scenario.write(toFile: directory + "/scenario.json", atomically: true, encoding: .utf8)
        let path = TestPaths.support.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return (EtcdCluster.runner(extra: ["PATH": path, "FLEETCTL_STANDIN_STATE": directory + "/scenario.json"]), directory)
    }

    @Test("list output is byte-identical to the sandbox's, for every flag combination used or documented", arguments: [
        ["list-machines"], ["list-machines", "--full"], ["list-machines", "--full", "--no-legend", "--fields=machine,ip,metadata"],
        ["list-machines", "--no-legend", "--fields=ip,machine"], ["list-units"], ["list-units", "-l"],
        ["list-units", "--full", "--no-legend", "--fields=unit,machine,active,sub"], ["list-units", "--fields=unit,load,hash"],
        ["list-units", "--full", "--no-legend", "--fields=unit"], ["list-machines", "--full", "--no-legend", "--fields=machine"],
    ])
    func sameBytes(arguments: [String]) async throws {
        let (runner, directory) = try Self.standIn()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fleet = FleetTarget(endpoint: Deis1Demo.fleetEndpoint)
        let real = try await runner.run(fleet.fleetctl(arguments)).stdout
        let sandbox = try FleetSandbox(scenarioJSON: Deis1Demo.json, pinnedEndpoint: Deis1Demo.fleetEndpoint)
        let expected = try sandbox.fleetctl(fleet.fleetctl(arguments).arguments).stdout
        #expect(String(decoding: real, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("errors: a bad field, an endpoint the cluster does not answer on")
    func errors() async throws {
        let (runner, directory) = try Self.standIn()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fleet = FleetTarget(endpoint: Deis1Demo.fleetEndpoint)
        await #expect(throws: RunError.nonZeroExit(command: fleet.fleetctl(["list-units", "--fields=unit,bogus"]).displayLine, status: 1,
                                                   stderr: "Invalid key in output format: \"bogus\"\n")) {
            try await runner.run(fleet.fleetctl(["list-units", "--fields=unit,bogus"]))
        }
        let elsewhere = await FleetProbe(runner: runner, target: FleetTarget(endpoint: "http://10.9.9.9:49153")).probe()
        #expect(elsewhere.error?.kind == .unreachable)
    }

    @Test("odd machine metadata reaches the model sanitised")
    func oddMetadata() async throws {
        let scenario = #"{"fleet": {"machines": [{"id": "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "ip": "", "metadata": {"name": "\u001b]0;pwned\u0007", "region": "eu=west", "planes": "controlPlane"}}, {"id": "5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d", "ip": "10.0.1.12"}], "units": []}}"#
        let (runner, directory) = try Self.standIn(scenario)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fleet = try #require(await FleetProbe(runner: runner, target: FleetTarget(endpoint: Deis1Demo.fleetEndpoint), readImages: false).probe().value)
        #expect(fleet.machines.count == 2)
        #expect(fleet.machines[0].ip == nil)
        #expect(fleet.machines[0].metadata == ["name": "?]0;pwned?", "region": "eu=west", "planes": "controlPlane"])
        #expect(fleet.machines[1].metadata.isEmpty)
    }

    @Test("router scale and preseed run through fleetctl; the undo destroys the new router")
    func fleetFixes() async throws {
        let lab = try await EtcdDeis1Lab.start(keys: [Deis1Names.registrationKey: "enabled", Deis1Names.platformVersionKey: "v1.13.4"])
        defer { lab.shutdown() }
        let auditDirectory = try TestPaths.temporaryDirectory("deis1-audit")
        defer { try? FileManager.default.removeItem(atPath: auditDirectory) }
        let session = Session(adapter: lab.adapter, audit: try AuditLog(path: auditDirectory + "/audit.jsonl"), verifyTimeoutSeconds: 10)

        let before = await session.refresh()
        let router = try #require(before.findings.first { $0.rule.id == "DEIS1-ROUTER-SCALE" })
        let start = try #require(await session.plan(for: router))
        #expect(await session.apply(start) == .applied(findingCleared: true, detail: "DEIS1-ROUTER-SCALE cleared"))
        #expect(try lab.scenarioUnits().contains("deis-router@2.service"))
        let undo = try #require(await session.undoPlan(for: start))
        #expect(await session.apply(undo) == .applied(findingCleared: true, detail: "restored"))
        #expect(try !lab.scenarioUnits().contains("deis-router@2.service"))

        let preseed = try #require(before.findings.first { $0.rule.id == "DEIS1-PRESEED" })
        let plan = try #require(await session.plan(for: preseed))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "DEIS1-PRESEED cleared"))

        let calls = try lab.fleetCalls()
        #expect(!calls.isEmpty && calls.allSatisfy { $0.first == "--endpoint=\(Deis1Demo.fleetEndpoint)" })
        #expect(calls.contains(["--endpoint=\(Deis1Demo.fleetEndpoint)", "ssh", "9d5f2a8e3b7c4d1e6f0a2b4c6d8e0f1a", "/run/deis/bin/preseed"]))
    }

    @Test("shipshape check --demo deis-v1 --format json reports every rule with its verdict")
    func checkDemo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.shipshapeBinary)
        process.arguments = ["check", "--demo", "deis-v1", "--format", "json"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var verdicts: [String: [String]] = [:]
        for finding in json["findings"] as? [[String: Any]] ?? [] {
            let id = (finding["rule"] as? [String: Any])?["id"] as? String ?? "?"
            verdicts[id, default: []].append(finding["verdict"] as? String ?? "?")
        }
        #expect(verdicts == ["DEIS1-PLANES": ["fail"], "DEIS1-ETCD-SIZE": ["fail"], "DEIS1-CEPH": ["fail"], "DEIS1-PRESEED": ["fail", "fail", "fail"],
                             "DEIS1-REGISTRATION": ["fail"], "DEIS1-LOGGING": ["fail"], "DEIS1-TLS": ["fail"], "DEIS1-ROUTER-SCALE": ["fail"],
                             "DEIS1-FIREWALL": ["manual"], "DEIS1-BACKUP": ["fail"], "ETCD-QUORUM": ["pass"]])
        #expect((json["probeErrors"] as? [Any])?.isEmpty == true)
    }
}
