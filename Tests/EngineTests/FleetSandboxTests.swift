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

/// The demo's fleet sandbox speaks fleetctl's formats and refuses unpinned calls. The demo serves
/// fleet through its etcd registry (`--driver=etcd`), so fleetctl's default API driver gets etcd's
/// 404, as fleetctl 1.0 does (Tests/Support/deis1-lab/README.md, "fleetctl").
@Suite("Fleet sandbox")
struct FleetSandboxTests {
    let endpoint = Deis1Demo.fleetEndpoint
    var pinned: [String] { FleetTarget(endpoint: endpoint, driver: .etcd).flags }

    func sandbox() throws -> FleetSandbox { try FleetSandbox(scenarioJSON: Deis1Demo.json, pinnedEndpoint: endpoint) }

    func text(_ sandbox: FleetSandbox, _ args: [String]) throws -> String {
        try sandbox.fleetctl(pinned + args).text(for: Command("fleetctl", args))
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
        #expect(throws: RunError.nonZeroExit(command: "fleetctl --driver=etcd --endpoint=\(endpoint) list-units --fields=unit,bogus", status: 1,
                                             stderr: "Invalid key in output format: \"bogus\"")) {
            try sandbox.fleetctl(pinned + ["list-units", "--fields=unit,bogus"])
        }
        #expect(throws: RunError.self) { try sandbox.fleetctl(["list-units"]) }
        #expect(throws: RunError.self) { try sandbox.fleetctl(["--driver=etcd", "--endpoint=http://elsewhere:1", "list-units"]) }
        #expect(throws: RunError.self) { try sandbox.fleetctl(pinned + ["ssh", "ffff", "docker", "images"]) }
        do {
            _ = try sandbox.fleetctl(["--driver=API", "--endpoint=\(endpoint)", "list-machines"])
            Issue.record("the API driver against an etcd URL answered")
        } catch {
            #expect(error.stderr?.contains("googleapi: got HTTP response code 404 with body: 404 page not found") == true)
        }
    }

    @Test("start places a template instance by Conflicts; destroy removes it")
    func startDestroy() throws {
        let sandbox = try sandbox()
        #expect(try text(sandbox, ["start", "--block-attempts=60", "deis-router@2.service"]) == "Unit deis-router@2.service launched on 0f3e8b7a.../10.0.1.11\n")
        #expect(try text(sandbox, ["start", "deis-router@3.service"]) == "Unit deis-router@3.service launched on 7b4e1f9c.../10.0.1.13\n")
        #expect(sandbox.unitNames().filter { $0.hasPrefix("deis-router@") } == ["deis-router@1.service", "deis-router@2.service", "deis-router@3.service"])
        #expect(try text(sandbox, ["destroy", "deis-router@3.service", "deis-nothing.service"]) == "Destroyed deis-router@3.service\n")
        #expect(throws: RunError.self) { try sandbox.fleetctl(pinned + ["start", "deis-nothing@1.service"]) }
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

    @Test("ssh curl localhost:2379/version: the machine's etcd answers, or curl's exit 7")
    func localEtcd() throws {
        let json = Deis1Demo.json.replacingOccurrences(of: "\"id\": \"c7e2aa41b2c34d5e6f708192a3b4c5d6\",", with: "\"id\": \"c7e2aa41b2c34d5e6f708192a3b4c5d6\", \"etcdVersion\": \"3.4.23\",")
        let sandbox = try FleetSandbox(scenarioJSON: json, pinnedEndpoint: endpoint)
        #expect(try sandbox.fleetctl(pinned + ["ssh", "c7e2aa41", "curl", "-s", "localhost:2379/version"]).text(for: Command("fleetctl", []))
                == "{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}")
        #expect(throws: RunError.nonZeroExit(command: (["fleetctl"] + pinned + ["ssh", "0f3e8b7a", "curl", "-s", "localhost:4001/version"]).joined(separator: " "), status: 7, stderr: "")) {
            try sandbox.fleetctl(pinned + ["ssh", "0f3e8b7a", "curl", "-s", "localhost:4001/version"])
        }
    }
}
