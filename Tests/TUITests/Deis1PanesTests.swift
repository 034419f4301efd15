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
@testable import TUI

/// The Deis v1 panes drawn from the demo on the in-memory grid: fleet machines with
/// planes and etcd roles, the etcd membership with the quorum sentence, router units.
@MainActor
@Suite struct Deis1PanesTests {
    static func model(_ adapter: (any PlatformAdapter)? = nil) async throws -> AppModel {
        let adapter = try adapter ?? DemoScenario.deis1.makeAdapter(latencyMilliseconds: 0)
        let session = Session(adapter: adapter, audit: try AuditLog(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("shipshape-\(UUID().uuidString)/audit.jsonl").path))
        var model = AppModel(target: adapter.target, readOnly: false)
        model.snapshot = await session.refresh()
        return model
    }

    static func render(_ model: AppModel, rows: Int = 48, cols: Int = 160) -> GridScreen {
        let grid = GridScreen(rows: rows, cols: cols)
        Renderer.draw(model, on: grid)
        return grid
    }

    @Test func deis1ShowsNodesEtcdAndRouterPanes() async throws {
        let model = try await Self.model()
        #expect(model.panes == [.nodes, .etcd, .router, .findings, .backups, .activity])
        let text = Self.render(model).text()
        #expect(text.contains("Nodes (7)") && text.contains("etcd members (7)") && text.contains("Router scale (1)"))
        #expect(text.contains("7 machine(s) · 7 etcd member(s) · 0 proxy(ies)"))
        #expect(text.contains("0f3e8b7a 10.0.1.11 CDR    member builder,logspout,publi"))
        #expect(text.contains("7 members, tolerates 3 failures; 0 down, 3 more failures toler"))
        #expect(text.contains("healthy ★ leader"))
        #expect(text.contains("deis-router  1 active on 1 machine(s) · want ≥2"))
        #expect(text.contains("deis-router@1.service") && text.contains("5a1c9d02/10.0.1.12 active running"))
    }

    @Test func etcdPaneMarksDownMembersAndSaysHowManyFailuresRemain() throws {
        let members = [Fixture.member(1), Fixture.member(2, health: .down("context deadline exceeded")), Fixture.member(3, raftIndex: 90)]
        let source = EtcdPane.source(etcd: .loaded(EtcdState(members: members)))
        #expect(source.summary?.first?.text == "3 members, tolerates 1 failure; 1 down, 0 more failures tolerated")
        #expect(source.summary?.first?.role == .warning)
        #expect(source.row(at: 1).map(\.text) == ["infra2", "1000000000000001", "down", "-", "-", "-", "-"])
        #expect(source.row(at: 1)[2].role == .error)
        #expect(source.row(at: 0)[3].text == "★ leader")
        #expect(source.row(at: 2)[4].text == "10")
        let details = try #require(source.details(at: 1))
        #expect(details.lines.contains("Health:      down — context deadline exceeded"))
        #expect(details.lines.contains("ID:          1000000000000001  (1152921504606846977)"))
        let lost = EtcdPane.source(etcd: .loaded(EtcdState(members: [members[0], members[1], Fixture.member(3, health: .down("x"))],
                                                          keys: .failed(ProbeError(.unreachable, "etcd key: no quorum")))))
        #expect(lost.summary?.map(\.text) == ["3 members, tolerates 1 failure; 2 down, quorum lost", "· config unreadable: etcd key: no quorum"])
        #expect(lost.summary?.first?.role == .critical)
        #expect(EtcdPane.source(etcd: .failed(ProbeError(.unreachable, "etcd members: etcd unreachable"))).errorText == "etcd members: etcd unreachable")
        #expect(EtcdPane.source(etcd: nil).emptyText == "loading…")
    }

    @Test func machinesPaneShowsProxiesAndFailingUnits() throws {
        let m1 = Fixture.machine(1, metadata: ["controlPlane": "true"]), m2 = Fixture.machine(2, metadata: [:])
        var fleet = FleetState(machines: [m1, m2], units: [Fixture.unit("deis-controller.service", on: m1, active: "failed", sub: "failed"),
                                                           Fixture.unit("web_v2.web.1.service", on: m2)])
        // m2 is no member: it was asked, and a proxy answered on its localhost.
        fleet.localEtcd = [m2.id: .answers(port: 2379, version: "{\"etcdserver\":\"3.4.23\"}")]
        var member = Fixture.member(1)
        member.peerURLs = ["http://10.0.1.11:2380"]
        let source = FleetMachinesPane.source(fleet: .loaded(fleet), etcd: .loaded(EtcdState(members: [member])))
        #expect(source.row(at: 0).map(\.text) == ["01ababab", "10.0.1.11", "C--", "member", "controller(failed)"])
        #expect(source.row(at: 0)[4].role == .error)
        #expect(source.row(at: 1).map(\.text) == ["02ababab", "10.0.1.12", "---", "proxy", "web_v2.web.1"])
        #expect(source.row(at: 1)[2].role == .warning)
        #expect(source.summary?.first?.text == "2 machine(s) · 1 etcd member(s) · 1 proxy(ies)")
        let details = try #require(source.details(at: 0))
        #expect(details.lines.contains("  deis-controller.service  failed/failed"))
        #expect(source.details(at: 1)?.lines.contains { $0.contains("a proxy answers on localhost:2379") } == true)
        // Nothing answers on a machine without a member: "none", and the summary says so.
        fleet.localEtcd[m2.id] = .silent
        let silent = FleetMachinesPane.source(fleet: .loaded(fleet), etcd: .loaded(EtcdState(members: [member])))
        #expect(silent.row(at: 1)[3].text == "none" && silent.row(at: 1)[3].role == .error)
        #expect(silent.summary?.first?.text == "2 machine(s) · 1 etcd member(s) · 0 proxy(ies) · 1 without etcd")
    }

    /// DEIS1-BACKUP's two halves on the Backups pane, etcd snapshots marked not applicable with the reason.
    @Test func backupsPaneRecordsDataAndExportsConfig() throws {
        var state = ClusterState(target: Target(name: "d", platform: .deis1))
        var records = ConsoleRecords()
        records.backups = [BackupRecord(target: "d", kind: "/deis config", takenAt: Date(), by: "ops", location: "/b/deis-config.json",
                                        path: "/b/deis-config.json", sizeBytes: 2048, entries: 12, verified: true)]
        state.records = .loaded(records)
        let source = Deis1BackupsPane.source(state: state, policy: .default)
        #expect(source.rowCount == 4)
        #expect(source.row(at: 0).map(\.text) == ["platform data (0)", "never", "none recorded — f records", "DEIS1-BACKUP"])
        #expect(source.row(at: 1)[0].text == "/deis config exports (1)" && source.row(at: 1)[2].text == "verified")
        #expect(source.row(at: 2)[2].text == "n/a: data is in the v2 store")
        let intents = (0..<source.rowCount).map { source.item(at: $0).flatMap(Deis1BackupsPane.intent)?.0 }
        #expect(intents == [.recordBackup(kind: "platform data"), .exportConfig, nil, .recordDrill])
        guard case .unavailable(let why) = source.actions[0].resolve(2) else { Issue.record("f on etcd snapshots did something"); return }
        #expect(why.contains("v3 etcd snapshot holds none"))
        #expect(source.details(at: 1)?.lines.first?.contains("12 values  verified  /b/deis-config.json") == true)
    }

    @Test func etcdPaneIsAPlaceholderWhereEtcdIsNotProbed() async throws {
        var model = try await Self.model()
        model.target = Target(name: "wf", platform: .workflow)
        model.snapshot?.state.etcd = .notProbed
        #expect(!model.panes.contains(.etcd))
        #expect(ConsolePanes.source(.etcd, model: model).emptyText == "Deis Workflow has no etcd pane")
    }
}

/// Minimal builders for pane rows (the Engine tests have fuller ones).
private enum Fixture {
    static func machine(_ n: Int, metadata: [String: String]) -> FleetMachine {
        FleetMachine(id: String(format: "%02x", n) + String(repeating: "ab", count: 15), ip: "10.0.1.\(10 + n)", metadata: metadata)
    }

    static func unit(_ name: String, on machine: FleetMachine, active: String = "active", sub: String = "running") -> FleetUnit {
        FleetUnit(name: name, machineID: machine.id, machineIP: machine.ip, active: active, sub: sub)
    }

    static func member(_ n: Int, health: EtcdHealth = .healthy, raftIndex: UInt64 = 100) -> EtcdMember {
        let id = (1 << 60) + UInt64(n - 1)
        let status = health == .healthy ? EtcdEndpointStatus(endpoint: "http://10.0.1.\(10 + n):2379", memberID: id, version: "3.4.23", dbSize: 20480,
                                                             leader: 1 << 60, raftTerm: 2, raftIndex: raftIndex, raftAppliedIndex: raftIndex) : nil
        return EtcdMember(id: id, name: "infra\(n)", peerURLs: ["http://10.0.2.\(10 + n):2380"], clientURLs: ["http://10.0.2.\(10 + n):2379"],
                          status: status, health: health)
    }
}
