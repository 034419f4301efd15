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

/// The demo's fleet sandbox speaks fleetctl's formats and refuses unpinned calls.
@Suite("Fleet sandbox")
struct FleetSandboxTests {
    let endpoint = Deis1Demo.fleetEndpoint

    func sandbox() throws -> FleetSandbox { try FleetSandbox(scenarioJSON: Deis1Demo.json, pinnedEndpoint: endpoint) }

    func text(_ sandbox: FleetSandbox, _ args: [String]) throws -> String {
        try sandbox.fleetctl(["--endpoint=\(endpoint)"] + args).text(for: Command("fleetctl", args))
    }

    @Test("list-machines with and without legend and --full")
    func listMachines() throws {
        let sandbox = try sandbox()
        let legend = try text(sandbox, ["list-machines"]).split(separator: "\n")
        #expect(legend[0] == "MACHINE\t\tIP\t\tMETADATA")
        #expect(legend[1] == "0f3e8b7a...\t10.0.1.11\tcontrolPlane=true,dataPlane=true,routerMesh=true")
        let full = try text(sandbox, FleetProbe.listMachinesArguments)
        #expect(full.hasPrefix("0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b\t10.0.1.11\tcontrolPlane=true"))
        #expect(try FleetDecoder.machines(Array(full.utf8)).count == 7)
    }

    @Test("list-units: sorted by name then machine, legends ID/IP")
    func listUnits() throws {
        let units = try FleetDecoder.units(Array(text(try sandbox(), FleetProbe.listUnitsArguments).utf8))
        #expect(units.map(\.name) == units.map(\.name).sorted())
        #expect(units.first == FleetUnit(name: "deis-builder.service", machineID: "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b",
                                         machineIP: "10.0.1.11", active: "active", sub: "running"))
    }

    @Test("bad fields, unpinned endpoint and unknown machines fail like fleetctl")
    func failures() throws {
        let sandbox = try sandbox()
        #expect(throws: RunError.nonZeroExit(command: "fleetctl --endpoint=\(endpoint) list-units --fields=unit,bogus", status: 1,
                                             stderr: "Invalid key in output format: \"bogus\"")) {
            try sandbox.fleetctl(["--endpoint=\(endpoint)", "list-units", "--fields=unit,bogus"])
        }
        #expect(throws: RunError.self) { try sandbox.fleetctl(["list-units"]) }
        #expect(throws: RunError.self) { try sandbox.fleetctl(["--endpoint=http://elsewhere:1", "list-units"]) }
        #expect(throws: RunError.self) { try sandbox.fleetctl(["--endpoint=\(endpoint)", "ssh", "ffff", "docker", "images"]) }
    }

    @Test("start places a template instance by Conflicts; destroy removes it")
    func startDestroy() throws {
        let sandbox = try sandbox()
        #expect(try text(sandbox, ["start", "--block-attempts=60", "deis-router@2.service"]) == "Unit deis-router@2.service launched on 0f3e8b7a.../10.0.1.11\n")
        #expect(try text(sandbox, ["start", "deis-router@3.service"]) == "Unit deis-router@3.service launched on 7b4e1f9c.../10.0.1.13\n")
        #expect(sandbox.unitNames().filter { $0.hasPrefix("deis-router@") } == ["deis-router@1.service", "deis-router@2.service", "deis-router@3.service"])
        #expect(try text(sandbox, ["destroy", "deis-router@3.service", "deis-nothing.service"]) == "Destroyed deis-router@3.service\n")
        #expect(throws: RunError.self) { try sandbox.fleetctl(["--endpoint=\(endpoint)", "start", "deis-nothing@1.service"]) }
        #expect(FleetSandbox.glob("deis-router@*.service", matches: "deis-router@12.service"))
        #expect(!FleetSandbox.glob("deis-router@*.service", matches: "deis-builder.service"))
    }

    @Test("ssh: docker images and the preseed script")
    func ssh() throws {
        let sandbox = try sandbox()
        let id = "c7e2aa41b2c34d5e6f708192a3b4c5d6"
        let before = FleetDecoder.images(Array(try text(sandbox, ["ssh", id, "docker", "images"]).utf8))
        #expect(!before.contains("deis/router:v1.13.4"))
        let output = try text(sandbox, ["ssh", id, Deis1Names.preseedScript])
        #expect(output.contains("Status: Downloaded newer image for deis/router:v1.13.4"))
        #expect(sandbox.images(on: id).contains("deis/router:v1.13.4"))
        #expect(try text(sandbox, ["ssh", "--machine=c7e2", "docker", "images"]).contains("deis/router"))
    }
}
