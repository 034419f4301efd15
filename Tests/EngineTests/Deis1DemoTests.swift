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

/// The bundled `deis-v1` scenario through the real engine: every rule's verdict, and the fixes
/// applied through deisctl's sandbox, verified by a v2 read-back and undone through a `Session`
/// with an audit log. The sandboxes answer the argv the real tools take (v2 etcdctl, fleetctl
/// `--driver=etcd`, deisctl `--endpoint=`), and keep v2 and v3 apart as etcd 3.x does.
@Suite("Deis v1 demo")
struct Deis1DemoTests {
    static let expected: [String: [Verdict]] = [
        "DEIS1-PLANES": [.fail, .fail], "DEIS1-ETCD-SIZE": [.fail], "DEIS1-ETCD-PROXY": [.pass], "DEIS1-CEPH": [.fail],
        "DEIS1-PRESEED": [.fail, .fail, .fail], "DEIS1-REGISTRATION": [.fail], "DEIS1-LOGGING": [.fail], "DEIS1-MONITORING": [.fail],
        "DEIS1-TLS": [.fail], "DEIS1-ROUTER-SCALE": [.fail], "DEIS1-FIREWALL": [.fail, .manual], "ETCD-QUORUM": [.pass],
    ]
    // DEIS1-BACKUP reads the console's records, which a session loads (`backups` below), not the probe.

    @Test("every rule reports, with the verdict the scenario was built for")
    func verdicts() async throws {
        let adapter = try DemoScenario.deis1.makeAdapter(latencyMilliseconds: 0)
        #expect(adapter.target.platform == .deis1)
        let state = await adapter.probe()
        #expect(state.failures.isEmpty)
        let findings = RuleEngine(rules: adapter.rules).evaluate(state)
        var verdicts: [String: [Verdict]] = [:]
        for finding in findings { verdicts[finding.rule.id, default: []].append(finding.verdict) }
        #expect(verdicts == Self.expected)
        let fleet = try #require(state.fleet.value)
        #expect(fleet.machines.count == 7)
        #expect(fleet.units.filter { $0.baseName == "deis-router" }.count == 1)
        #expect(fleet.units.contains { $0.baseName.hasPrefix("deis-store-") })
        let etcd = try #require(state.etcd.value)
        #expect(etcd.members.count == 7 && etcd.members.allSatisfy { $0.health == .healthy })
        #expect(fleet.machines.allSatisfy { MachineEtcdRole.of($0, in: etcd) == .member })
        #expect(etcd.keys.value?[Deis1Names.registrationKey] == .value("enabled"))
        #expect(etcd.keys.value?[Deis1Names.sslCertKey] == .absent && etcd.keys.value?[Deis1Names.sslKeyKey] == .absent)
        #expect(etcd.api == .v2 && etcd.clusterHealth == .healthy && etcd.leader?.name == "7b4e1f9c0d2a4b6e8f1a3c5e7d9b2f4a")
        let report = CheckReport(snapshot: Snapshot(state: state, findings: findings, duration: .zero), failOn: .error)
        #expect(report.exitStatus == 1)
        #expect(report.json().contains("\"DEIS1-ROUTER-SCALE\""))
    }

    static func session() throws -> (Session, AuditLog, String) {
        let directory = NSTemporaryDirectory() + "deis1-demo-\(UUID().uuidString)"
        let audit = try AuditLog(path: directory + "/audit.jsonl")
        return (Session(adapter: try DemoScenario.deis1.makeAdapter(latencyMilliseconds: 0), audit: audit, verifyTimeoutSeconds: 2,
                        backupDirectory: directory + "/backups"), audit, directory)
    }

    @Test("registration: fix, verify, undo — each step in the audit log")
    func registrationFixAndUndo() async throws {
        let (session, audit, directory) = try Self.session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = await session.refresh()
        let finding = try #require(before.findings.first { $0.rule.id == "DEIS1-REGISTRATION" })
        let plan = try #require(await session.plan(for: finding))
        #expect(await session.dryRun(plan) == .accepted([]))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "DEIS1-REGISTRATION cleared"))
        let after = await session.refresh()
        #expect(after.state.etcd.value?.keys.value?[Deis1Names.registrationKey] == .value("admin_only"))
        let undo = try #require(await session.undoPlan(for: plan))
        #expect(await session.apply(undo) == .applied(findingCleared: true, detail: "restored"))
        let restored = await session.refresh()
        #expect(restored.state.etcd.value?.keys.value?[Deis1Names.registrationKey] == .value("enabled"))
        let steps = audit.recent().map(\.step)
        #expect(steps == [.planned, .confirmed, .precondition, .run, .verify, .applied, .confirmed, .precondition, .run, .verify, .undo])
        let onDisk = try AuditLog.read(path: audit.path)
        #expect(onDisk.count == steps.count)
        #expect(onDisk.first { $0.step == .run }?.command == ["deisctl", "--endpoint=http://10.0.1.11:2379", "config", "controller", "set", "registrationMode=admin_only"])
        #expect(plan.notes.first?.hasPrefix("Register the admin user first") == true)
    }

    @Test("the fix writes the v2 key Deis reads, never the v3 keyspace")
    func registrationWritesV2() async throws {
        let etcd = try EtcdSandbox(scenarioJSON: Deis1Demo.json, pinnedEndpoints: [Deis1Demo.etcdEndpoint])
        let fleetSandbox = try FleetSandbox(scenarioJSON: Deis1Demo.json, pinnedEndpoint: Deis1Demo.fleetEndpoint)
        let runner = SandboxRunner(tools: ["etcdctl": etcd, "fleetctl": fleetSandbox,
                                           "deisctl": DeisctlSandbox(etcd: etcd, fleet: fleetSandbox, pinnedEndpoint: Deis1Demo.etcdEndpoint)],
                                   latencyMilliseconds: 0)
        let adapter = Deis1Adapter(target: Target(name: "t", platform: .deis1), etcd: EtcdTarget(endpoints: [Deis1Demo.etcdEndpoint]),
                                   fleet: FleetTarget(endpoint: Deis1Demo.fleetEndpoint, driver: .etcd), runner: runner, readImages: false)
        let directory = NSTemporaryDirectory() + "deis1-v2-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = Session(adapter: adapter, audit: try AuditLog(path: directory + "/audit.jsonl"), verifyTimeoutSeconds: 2)
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "DEIS1-REGISTRATION" })
        let plan = try #require(await session.plan(for: finding))
        #expect(await session.apply(plan).succeeded)
        #expect(etcd.v2Value(of: Deis1Names.registrationKey) == "admin_only")
        #expect(etcd.value(of: Deis1Names.registrationKey) == nil, "a v3 key Deis never reads")
    }

    @Test("router firewall and placement options: deisctl config set, read back, undone to absent")
    func routerSettings() async throws {
        let (session, _, directory) = try Self.session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = await session.refresh()
        for subject in [Deis1Names.routerFirewallKey, Deis1Names.placementOptionsKey] {
            let finding = try #require(before.findings.first { $0.subject == subject })
            let plan = try #require(await session.plan(for: finding))
            #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "\(finding.rule.id) cleared"))
            let undo = try #require(await session.undoPlan(for: plan))
            #expect(undo.commands[0].arguments.suffix(2).first == "rm")
            #expect(await session.apply(undo) == .applied(findingCleared: true, detail: "restored"))
        }
        let after = await session.refresh()
        #expect(after.state.etcd.value?.keys.value?[Deis1Names.routerFirewallKey] == .absent)
    }

    @Test("DEIS1-BACKUP: f exports /deis as verified JSON, f records a data backup; both then pass")
    func backups() async throws {
        let (session, _, directory) = try Self.session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = await session.refresh()
        let config = try #require(before.findings.first { $0.rule.id == "DEIS1-BACKUP" && $0.subject == "/deis config" })
        #expect(config.fix == .exportConfig)
        let export = try #require(await session.plan(for: config))
        let outcome = await session.apply(export)
        #expect(outcome == .applied(findingCleared: true, detail: "recorded"), "\(outcome)")
        let record = try #require(try session.records.load().backups.first { $0.kind == "/deis config" })
        #expect(record.verified && record.entries == 7 && (record.sizeBytes ?? 0) > 0)
        let file = try #require(FileManager.default.contents(atPath: record.location))
        let tree = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
        #expect((tree["node"] as? [String: Any])?["key"] as? String == "/deis")
        #expect(String(decoding: file, as: UTF8.self).contains("\"value\":\"enabled\""))
        let mode = try FileManager.default.attributesOfItem(atPath: record.location)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!FileManager.default.fileExists(atPath: record.location + ".part"))

        let data = try #require(before.findings.first { $0.rule.id == "DEIS1-BACKUP" && $0.subject == "platform data" })
        #expect(data.fix == .recordBackup(kind: "platform data"))
        let recorded = try #require(await session.plan(for: data))
        #expect(recorded.commands.isEmpty && !recorded.notes.isEmpty)
        #expect(await session.apply(recorded).succeeded)
        let after = await session.refresh()
        #expect(after.findings.filter { $0.rule.id == "DEIS1-BACKUP" }.map(\.verdict) == [.pass, .pass])
        #expect(!after.findings.contains { $0.rule.id == "ETCD-SNAPSHOT" }, "a v3 snapshot holds none of Deis v1's data")
    }

    @Test("a fix whose preview went stale is refused")
    func staleRefused() async throws {
        let (session, _, directory) = try Self.session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = await session.refresh()
        let finding = try #require(before.findings.first { $0.rule.id == "DEIS1-REGISTRATION" })
        let plan = try #require(await session.plan(for: finding))
        let other = FixIntent.setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: "enabled", to: "disabled")
        let sneaky = try session.plan(other, ruleID: "DEIS1-REGISTRATION", subject: finding.subject, state: before.state).get()
        _ = await session.apply(sneaky)
        guard case .refused(let reason) = await session.apply(plan) else { Issue.record("stale plan was not refused"); return }
        #expect(reason.contains("expected /deis/controller/registrationMode is still enabled, found disabled"))
    }

    @Test("router scale: 1 → 2 starts deis-router@2 on a machine without a router, then undo destroys it")
    func routerFixAndUndo() async throws {
        let (session, audit, directory) = try Self.session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = await session.refresh()
        let finding = try #require(before.findings.first { $0.rule.id == "DEIS1-ROUTER-SCALE" })
        let plan = try #require(await session.plan(for: finding))
        #expect(plan.intent == .scale(workload: "router", from: 1, to: 2))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "DEIS1-ROUTER-SCALE cleared"))
        let after = await session.refresh()
        let routers = try #require(after.state.fleet.value).units.filter { $0.baseName == "deis-router" }
        #expect(routers.count == 2 && Set(routers.compactMap(\.machineID)).count == 2)
        let undo = try #require(await session.undoPlan(for: plan))
        #expect(undo.risk == .high)
        #expect(await session.apply(undo) == .applied(findingCleared: true, detail: "restored"))
        let restored = await session.refresh()
        #expect(restored.state.fleet.value?.units.filter { $0.baseName == "deis-router" }.count == 1)
        #expect(audit.recent().filter { $0.step == .run }.compactMap { $0.command } == [
            ["deisctl", "--endpoint=http://10.0.1.11:2379", "scale", "router=2"], ["deisctl", "--endpoint=http://10.0.1.11:2379", "scale", "router=1"]])
    }

    @Test("preseed on one machine clears that machine's finding only")
    func preseed() async throws {
        let (session, _, directory) = try Self.session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = await session.refresh()
        let failing = before.findings.filter { $0.rule.id == "DEIS1-PRESEED" }
        let finding = try #require(failing.first)
        let plan = try #require(await session.plan(for: finding))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "DEIS1-PRESEED cleared"))
        let after = await session.refresh()
        #expect(after.findings.filter { $0.rule.id == "DEIS1-PRESEED" }.map(\.subject) == failing.dropFirst().map(\.subject))
    }

    @Test("a member stopped in the sandbox shows as down (v2 cluster-health) and fails ETCD-QUORUM as a warning; the rest still loads")
    func memberDown() async throws {
        let etcd = try EtcdSandbox(scenarioJSON: Deis1Demo.json, pinnedEndpoints: [Deis1Demo.etcdEndpoint])
        let runner = SandboxRunner(tools: ["etcdctl": etcd, "fleetctl": try FleetSandbox(scenarioJSON: Deis1Demo.json, pinnedEndpoint: Deis1Demo.fleetEndpoint)], latencyMilliseconds: 0)
        let adapter = Deis1Adapter(target: Target(name: "t", platform: .deis1), etcd: EtcdTarget(endpoints: [Deis1Demo.etcdEndpoint]),
                                   fleet: FleetTarget(endpoint: Deis1Demo.fleetEndpoint, driver: .etcd), runner: runner)
        etcd.setDown("c7e2aa41b2c34d5e6f708192a3b4c5d6", true)
        let state = await adapter.probe()
        #expect(state.etcd.value?.members.count == 7)
        #expect(state.etcd.value?.quorum.sentence == "7 members, tolerates 3 failures; 1 down, 2 more failures tolerated")
        let quorum = RuleEngine(rules: adapter.rules).evaluate(state).first { $0.rule.id == "ETCD-QUORUM" }
        #expect(quorum?.verdict == .fail && quorum?.severity == .warning && quorum?.message.contains("connection refused") == true)
        #expect(state.etcd.value?.clusterHealth == .degraded)
        #expect(state.fleet.value?.machines.count == 7 && state.etcd.value?.keys.value != nil)
    }
}
