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

/// The node-list scanner against Foundation's typed decoder: same nodes out of the
/// same bytes, and an error (never a partial list) for anything truncated or garbled.
@Suite struct KubeNodeListScanTests {
    /// Realistic nodes, with what a skipping reader can trip on: brackets and quotes
    /// inside strings, escapes, numbers, literals, nulls, empty containers.
    static let list = #"""
    {"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":""},"items":[
      {"kind":"Node","metadata":{"name":"cp-1","uid":"u1","annotations":{"weird":"{[\"]}\\","n":"x"},
        "labels":{"kubernetes.io/hostname":"cp-1","node-role.kubernetes.io/control-plane":"","kubernetes.io/role":"master"}},
       "spec":{"taints":[{"effect":"NoSchedule","key":"node-role.kubernetes.io/control-plane"}],"unschedulable":false},
       "status":{"capacity":{"cpu":"4","memory":"16386156Ki","pods":"110"},
         "allocatable":{"cpu":"3920m"},
         "conditions":[{"type":"MemoryPressure","status":"False","message":"ok [fine]"},
                       {"lastHeartbeatTime":"2024-06-01T00:00:00Z","status":"True","type":"Ready","reason":"KubeletReady"}],
         "daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},
         "images":[{"names":["a@sha256:00","a:1"],"sizeBytes":1.5e7},{"names":[],"sizeBytes":-3}],
         "nodeInfo":{"kubeletVersion":"v1.32.4","architecture":"amd64"}, "volumesInUse":null}},
      {"metadata":{"name":"w\u00e9-2 \ud83d\ude80","labels":{"node-role.kubernetes.io/worker":"","esc\"aped":"tab\there"}},
       "status":{"conditions":[{"type":"Ready","status":"Unknown"}],"capacity":null}},
      {"metadata":{"name":"evil\u001b]0;pwned\u0007","labels":null},"status":null},
      {"metadata":{"name":"bare"}},
      {"metadata":{"name":"no-ready"},"status":{"conditions":[{"type":"DiskPressure","status":"False"}],"nodeInfo":{}}}
    ]}
    """#

    static func typed(_ json: String) throws -> [KubeNode] {
        try JSONDecoder().decode(KubeWire.List<KubeWire.Node>.self, from: Data(json.utf8)).items.map(KubeDecoder.node)
    }

    @Test func sameNodesAsTheTypedDecoder() throws {
        let scanned = try KubeDecoder.nodes(Array(Self.list.utf8))
        #expect(scanned == (try Self.typed(Self.list)))
        #expect(scanned.map(\.name) == ["cp-1", "wé-2 🚀", "evil?]0;pwned?", "bare", "no-ready"])
        #expect(scanned[0].roles == ["control-plane", "master"])
        #expect(scanned[0].ready == true && scanned[1].ready == false && scanned[2].ready == nil && scanned[4].ready == nil)
        #expect(scanned[0].cpuMillis == 4000 && scanned[0].memoryBytes == 16_779_423_744)
        #expect(scanned[1].labels["esc\"aped"] == "tab\there")
        #expect(scanned[0].kubeletVersion == "v1.32.4" && scanned[4].kubeletVersion == "?")
    }

    @Test func indentedOutputReadsTheSame() throws {
        let object = try JSONSerialization.jsonObject(with: Data(Self.list.utf8))
        let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .withoutEscapingSlashes])
        #expect(try KubeDecoder.nodes(Array(pretty)) == (try KubeDecoder.nodes(Array(Self.list.utf8))))
    }

    /// Where the typed decoder failed the whole list, the scanner skips what it does not use.
    @Test func unusedOddFieldsDoNotFailTheList() throws {
        let json = #"{"items":[{"metadata":{"name":"a"},"status":{"capacity":{"cpu":"2","pods":110,"memory":5},"#
            + #""conditions":[{"status":"True"},{"type":"Ready","status":"True"}]}}]}"#
        let node = try #require(try KubeDecoder.nodes(Array(json.utf8)).first)
        #expect(node.cpuMillis == 2000 && node.memoryBytes == nil && node.ready == true)
    }

    @Test func repeatedLabelsShareStrings() throws {
        let json = #"{"items":[{"metadata":{"name":"a","labels":{"zone":"z1","os":"linux"}}},"#
            + #"{"metadata":{"name":"b","labels":{"zone":"z2","os":"linux"}}},{"metadata":{"name":"c","labels":{"os":"linux"}}}]}"#
        let nodes = try KubeDecoder.nodes(Array(json.utf8))
        #expect(nodes.map(\.labels) == [["zone": "z1", "os": "linux"], ["zone": "z2", "os": "linux"], ["os": "linux"]])
    }

    @Test func everyTruncationIsAnError() {
        let bytes = Array(Self.list.utf8)
        // Cutting anywhere before the final brace must fail, never yield fewer nodes.
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self, "prefix of \(length) bytes") { try KubeDecoder.nodes(Array(bytes[..<length])) }
        }
    }

    @Test(arguments: [
        #"{"items":[{"metadata":{"name":"a"}}]} x"#,          // trailing data
        #"{"items":[{"metadata":{"name":"a"}},]}"#,           // trailing comma
        #"{"items":[{"metadata":{"name":"a"}} {"metadata":{"name":"b"}}]}"#,
        #"{"items":[{"metadata":{"name":"a","labels":{"k":1}}}]}"#,  // label not a string
        #"{"items":[{"metadata":{"uid":"a"}}]}"#,             // no name
        #"{"items":[{"metadata":{"name":"a"},"spec":tru}]}"#, // bad literal in a skipped value
        #"{"items":[{"metadata":{"name":"a\x"}}]}"#,          // bad escape
        #"{"items":[{"metadata":{"name":"a\ud83"}}]}"#,       // short \u escape
        #"{"kind":"NodeList"}"#,                              // no items
        #"{"items":null}"#,
        #"[]"#,
        "",
    ])
    func malformedListsThrow(_ json: String) {
        #expect(throws: (any Error).self) { try KubeDecoder.nodes(Array(json.utf8)) }
    }

    @Test func emptyListIsEmpty() throws {
        #expect(try KubeDecoder.nodes(Array(#" { "items" : [ ] , "metadata" : { } } "#.utf8)).isEmpty)
    }
}
