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

/// The fleetctl parser against the documented formats (reference/cli-formats.md §2.2–2.3),
/// including metadata an operator could put in cloud-config.
@Suite("Fleet parser")
struct FleetParserTests {
    @Test("list-machines: the documented emulated bytes")
    func machinesDocumented() throws {
        let text = """
            0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b\t10.0.1.11\tcontrolPlane=true,dataPlane=true,routerMesh=true
            5a1c9d02e3f44a5b8c6d7e8f9a0b1c2d\t10.0.1.12\tdataPlane=true
            c7e2aa41b2c34d5e6f708192a3b4c5d6\t10.0.1.13\trouterMesh=true

            """
        let machines = try FleetDecoder.machines(Array(text.utf8))
        #expect(machines.count == 3)
        #expect(machines[0] == FleetMachine(id: "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", ip: "10.0.1.11",
                                            metadata: ["controlPlane": "true", "dataPlane": "true", "routerMesh": "true"]))
        #expect(machines[1].isDataPlane && !machines[1].isControlPlane && !machines[1].isRouterMesh)
        #expect(machines[2].planeLetters == "--R")
        #expect(machines[0].label == "0f3e8b7a/10.0.1.11")
    }

    @Test("columns padded by runs of tabs, as the tabwriter pads short cells")
    func runsOfTabs() throws {
        let machines = try FleetDecoder.machines(Array("abc\t\t\t-\t\t-\n".utf8))
        #expect(machines == [FleetMachine(id: "abc", ip: nil, metadata: [:])])
    }

    @Test("odd metadata: empty, several pairs, '=' in a value, a key without a value, spaces")
    func oddMetadata() {
        #expect(FleetDecoder.metadata("-").isEmpty)
        #expect(FleetDecoder.metadata("").isEmpty)
        #expect(FleetDecoder.metadata("key=value,key2=value2") == ["key": "value", "key2": "value2"])
        #expect(FleetDecoder.metadata("az=us-west-1b,expr=a=b") == ["az": "us-west-1b", "expr": "a=b"])
        #expect(FleetDecoder.metadata("flag,role=") == ["flag": "", "role": ""])
        #expect(FleetDecoder.metadata(",,x=1,,") == ["x": "1"])
        #expect(FleetDecoder.metadata("=orphan,ok=1") == ["ok": "1"])
        #expect(FleetDecoder.metadata("region=eu west") == ["region": "eu west"])
    }

    @Test("escape sequences and control bytes in metadata and IDs are neutralised")
    func escapesSanitised() throws {
        let text = "0f3e8b7a\u{1b}[2J\t10.0.1.11\tname=\u{1b}]0;pwned\u{07},bidi=\u{202e}evil\n"
        let machine = try #require(try FleetDecoder.machines(Array(text.utf8)).first)
        #expect(machine.id == "0f3e8b7a?[2J")
        #expect(machine.metadata["name"] == "?]0;pwned?")
        #expect(machine.metadata["bidi"] == "?evil")
        let all = ([machine.id, machine.ip ?? ""] + machine.metadata.keys + machine.metadata.values).joined()
        #expect(!all.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("bytes that are not UTF-8 do not fail the probe; they are replaced")
    func invalidUTF8() throws {
        var bytes = Array("0f3e8b7a\t10.0.1.11\tname=caf".utf8)
        bytes += [0xE9, 0xFF, 0x9B]   // Latin-1 é, an invalid byte, and a C1 CSI byte
        bytes += Array(",ok=1\n".utf8)
        let machine = try #require(try FleetDecoder.machines(bytes).first)
        #expect(machine.metadata["ok"] == "1")
        let name = try #require(machine.metadata["name"])
        #expect(name.hasPrefix("caf"))
        #expect(!name.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x1B })
    }

    @Test("a tab inside the last column is kept in that column")
    func tabInLastColumn() throws {
        let machine = try #require(try FleetDecoder.machines(Array("abc\t10.0.0.1\tnote=a\tb\n".utf8)).first)
        #expect(machine.metadata["note"] == "a b")
    }

    @Test("a line with too few columns is reported, not guessed")
    func shortLine() {
        #expect(throws: FleetTable.Failure.shortLine(number: 2, expected: 3, found: 2)) {
            try FleetDecoder.machines(Array("abc\t10.0.0.1\t-\ndef\t10.0.0.2\n".utf8))
        }
    }

    @Test("a legend line is skipped if one appears anyway; CRLF and blank lines are tolerated")
    func legendAndBlank() throws {
        let text = "MACHINE\t\tIP\t\tMETADATA\r\n\nabc\t10.0.0.1\t-\r\n"
        #expect(try FleetDecoder.machines(Array(text.utf8)) == [FleetMachine(id: "abc", ip: "10.0.0.1")])
    }

    @Test("list-units: the documented emulated bytes")
    func unitsDocumented() throws {
        let text = """
            deis-builder.service\t\t0f3e8b7a.../10.0.1.11\tactive\trunning
            deis-router@1.service\t\tc7e2aa41.../10.0.1.13\tactive\trunning
            deis-store-gateway@1.service\t0f3e8b7a.../10.0.1.11\tfailed\tfailed

            """
        let units = try FleetDecoder.units(Array(text.utf8))
        #expect(units.count == 3)
        #expect(units[1] == FleetUnit(name: "deis-router@1.service", machineID: "c7e2aa41...", machineIP: "10.0.1.13", active: "active", sub: "running"))
        #expect(units[1].baseName == "deis-router" && units[1].instance == "1")
        #expect(units[2].isActive == false && units[2].sub == "failed")
        #expect(units[0].baseName == "deis-builder" && units[0].instance == nil)
    }

    @Test("unit machine legends: full, shortened, ID only, none")
    func legends() {
        #expect(FleetDecoder.machineLegend("0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b/10.0.1.11") == ("0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", "10.0.1.11"))
        #expect(FleetDecoder.machineLegend("0f3e8b7a.../10.0.1.11") == ("0f3e8b7a...", "10.0.1.11"))
        #expect(FleetDecoder.machineLegend("0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b") == ("0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", nil))
        #expect(FleetDecoder.machineLegend("-") == (nil, nil))
        let machine = FleetMachine(id: "0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b", ip: "10.0.1.11")
        #expect(machine.matches("0f3e8b7a..."))
        #expect(machine.matches("0f3e8b7a4c5d4e2f9a1b2c3d4e5f6a7b"))
        #expect(!machine.matches("0f3e8b7b..."))
        #expect(!machine.matches("..."))
    }

    @Test("units with no machine and unknown states keep their dashes as absence")
    func unitWithoutMachine() throws {
        let unit = try #require(try FleetDecoder.units(Array("hello.service\t-\tinactive\tdead\n".utf8)).first)
        #expect(unit.machineID == nil && unit.machineIP == nil && unit.active == "inactive")
    }

    @Test("docker images: repository and tag, header and <none> skipped")
    func dockerImages() {
        let text = """
            REPOSITORY          TAG                 IMAGE ID            CREATED             VIRTUAL SIZE
            deis/router         v1.13.4             1f2e3d4c5b6a        3 weeks ago         112.3 MB
            deis/store-monitor   v1.13.4            7a8b9c0d1e2f        3 weeks ago         301 MB
            <none>              <none>              0a0b0c0d0e0f        5 weeks ago         12 MB
            alpine\t3.4\tdeadbeef\t1 year ago\t4.8 MB
            """
        #expect(FleetDecoder.images(Array(text.utf8)) == ["deis/router:v1.13.4", "deis/store-monitor:v1.13.4", "alpine:3.4"])
    }
}
