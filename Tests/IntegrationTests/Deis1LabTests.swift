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


/// shipshape against a real Deis v1 (Tests/Support/deis1-lab: etcd 3.4 with v2, five fleetd 1.0.0
/// machines — three etcd members, one proxy, one with no etcd — the platform installed and started
/// by the real deisctl 1.13.4). Every expectation is checked against what the real tools say, read
/// independently of shipshape: `ETCDCTL_API=2 etcdctl`, `fleetctl list-units`, `deisctl`.
/// One lab for the suite (`Deis1PlatformLab`); each test puts back what it changes.
@Suite(.serialized, .deis1Platform(machines: 5, options: ["--proxy-machines", "4"]))
struct Deis1LabTests {
    func lab() throws -> Deis1Lab { try #require(Deis1PlatformLab.current, "the suite's lab did not start") }

    static func session(_ lab: Deis1Lab, _ directory: String, readImages: Bool = true) throws -> Session {
        Session(adapter: lab.adapter(readImages: readImages), audit: try AuditLog(path: directory + "/audit.jsonl"),
                verifyTimeoutSeconds: 60, backupDirectory: directory + "/backups")
    }

    /// Each rule's verdicts, sorted by name (the engine orders findings worst first, not by subject).
    static func verdicts(_ findings: [Finding]) -> [String: [Verdict]] {
        var result: [String: [Verdict]] = [:]
        for finding in findings { result[finding.rule.id, default: []].append(finding.verdict) }
        return result.mapValues { $0.sorted { $0.rawValue < $1.rawValue } }
    }

    @Test("every Deis rule's verdict on the real platform, read through v2; keys set with the real deisctl flip them")
    func verdicts() async throws {
        let lab = try lab()
        let directory = try TestPaths.temporaryDirectory("deis1-verdicts")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try Self.session(lab, directory)
        let snapshot = await session.refresh()
        #expect(snapshot.state.failures.isEmpty, "\(snapshot.state.failures)")

        // What the real tools say, independently of shipshape.
        let routers = try lab.routerMachines()
        let routersSpread = routers.count >= 2 && Set(routers.values).count >= 2
        let members = try lab.etcdctlV2(["member", "list"])
        #expect(members.status == 0 && members.stdout.split(separator: "\n").count == 3)
        let v3 = try lab.etcdctlV3(["get", "", "--prefix", "--keys-only"])
        #expect(v3.status == 0 && v3.stdout.isEmpty, "Deis v1 and fleet write only v2: the v3 keyspace stays empty")

        let fleet = try #require(snapshot.state.fleet.value)
        let etcd = try #require(snapshot.state.etcd.value)
        #expect(Set(fleet.machines.map(\.id)) == Set(lab.info.machines.map(\.id)))
        #expect(etcd.api == .v2 && etcd.clusterHealth == .healthy && etcd.members.allSatisfy { $0.health == .healthy })
        for machine in lab.info.machines {
            let seen = try #require(fleet.machines.first { $0.id == machine.id })
            #expect(MachineEtcdRole.of(seen, in: etcd) == (machine.etcd.role == "member" ? .member : .proxy), "\(machine.name)")
        }
        let m4 = try #require(lab.info.machines.first { $0.index == 4 }), m5 = try #require(lab.info.machines.first { $0.index == 5 })
        if case .answers(2379, let version)? = fleet.localEtcd[m4.id] { #expect(version.contains("3.4")) } else { Issue.record("m4's proxy did not answer: \(String(describing: fleet.localEtcd[m4.id]))") }
        #expect(fleet.localEtcd[m5.id] == .silent)

        let verdicts = Self.verdicts(snapshot.findings)
        #expect(verdicts["DEIS1-REGISTRATION"] == [.fail], "registrationMode unset: the controller boots it enabled")
        #expect(verdicts["DEIS1-TLS"] == [.fail])
        #expect(verdicts["DEIS1-ROUTER-SCALE"] == [routersSpread ? .pass : .fail], "fleetctl lists \(routers)")
        #expect(verdicts["DEIS1-PRESEED"] == Array(repeating: .fail, count: 5), "no machine holds an image yet")
        #expect(verdicts["DEIS1-PLANES"] == [.fail, .fail], "placement options off; every machine in every plane")
        #expect(verdicts["DEIS1-ETCD-SIZE"] == [.pass])
        #expect(verdicts["DEIS1-ETCD-PROXY"] == [.fail])
        #expect(snapshot.findings.first { $0.rule.id == "DEIS1-ETCD-PROXY" }?.subject.hasPrefix(String(m5.id.prefix(8))) == true)
        #expect(verdicts["DEIS1-CEPH"] == [.fail], "install platform installs the deis-store-* units")
        #expect(verdicts["DEIS1-LOGGING"] == [.fail] && verdicts["DEIS1-MONITORING"] == [.fail])
        #expect(verdicts["DEIS1-FIREWALL"] == [.fail, .manual])
        #expect(verdicts["DEIS1-BACKUP"] == [.fail, .fail])
        #expect(verdicts["ETCD-QUORUM"] == [.pass])
        #expect(verdicts["ETCD-SNAPSHOT"] == nil, "a v3 snapshot holds none of Deis v1's data")

        // The operator's own commands change what Deis reads; shipshape sees it on the next refresh.
        try lab.deisctl(["config", "logs", "set", "drain=syslog://logs.example.com:514"])
        try lab.deisctl(["config", "router", "set", "firewall/enabled=true"])
        try lab.deisctl(["config", "platform", "set", "enablePlacementOptions=true"])
        defer {
            _ = try? lab.deisctl(["config", "logs", "rm", "drain"])
            _ = try? lab.deisctl(["config", "router", "rm", "firewall/enabled"])
            _ = try? lab.deisctl(["config", "platform", "rm", "enablePlacementOptions"])
        }
        let after = Self.verdicts(await session.refresh().findings)
        #expect(after["DEIS1-LOGGING"] == [.pass] && after["DEIS1-FIREWALL"] == [.manual, .pass] && after["DEIS1-PLANES"] == [.fail, .pass], "\(after)")
    }

    @Test("shipshape fix DEIS1-REGISTRATION --yes runs deisctl, the v2 key changes, v3 gets no /deis; undo reverts")
    func registrationFix() throws {
        let lab = try lab()
        let directory = try TestPaths.temporaryDirectory("deis1-registration")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let env = lab.operatorEnvironment(stateDirectory: directory)
        let audit = directory + "/audit.jsonl"
        let fix = try SpawnedBinary.run(TestPaths.shipshapeBinary, ["fix", "DEIS1-REGISTRATION", "--yes", "--audit-log", audit], environment: env, timeout: 240)
        #expect(fix.status == 0, "\(fix.stdout)\n\(fix.stderr)")
        #expect(fix.stdout.contains("runs:    deisctl --endpoint=\(lab.endpoints[0]) config controller set registrationMode=admin_only"))
        #expect(fix.stdout.contains("note:    Register the admin user first"))
        #expect(fix.stdout.contains("target:  Deis v1 · fleet etcd \(lab.info.etcd.endpoints) · deisctl \(lab.endpoints[0])"))

        let value = try lab.etcdctlV2(["get", Deis1Names.registrationKey])
        #expect(value.status == 0 && value.stdout == "admin_only\n")
        let v3 = try lab.etcdctlV3(["get", "/deis", "--prefix", "--keys-only"])
        #expect(v3.status == 0 && v3.stdout.isEmpty, "the fix wrote no v3 key")

        let undo = try SpawnedBinary.run(TestPaths.shipshapeBinary, ["undo", "--yes", "--audit-log", audit], environment: env, timeout: 240)
        #expect(undo.status == 0, "\(undo.stdout)\n\(undo.stderr)")
        let gone = try lab.etcdctlV2(["get", Deis1Names.registrationKey])
        #expect(gone.status == 4 && gone.stderr.contains("Key not found (/deis/controller/registrationMode)"), "undo removed the key again")

        let runs = try AuditLog.read(path: audit).filter { $0.step == .run }.compactMap(\.command)
        #expect(runs == [["deisctl", "--endpoint=\(lab.endpoints[0])", "config", "controller", "set", "registrationMode=admin_only"],
                         ["deisctl", "--endpoint=\(lab.endpoints[0])", "config", "controller", "rm", "registrationMode"]])
    }

    @Test("shipshape fix DEIS1-ROUTER-SCALE --yes: deisctl scale router=2 leaves routers on two machines; undo scales back")
    func routerScaleFix() throws {
        let lab = try lab()
        let directory = try TestPaths.temporaryDirectory("deis1-routers")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try lab.deisctl(["scale", "router=1"])
        defer { _ = try? lab.deisctl(["scale", "router=3"]) }
        #expect(try lab.routerMachines().count == 1)
        let env = lab.operatorEnvironment(stateDirectory: directory)
        let audit = directory + "/audit.jsonl"
        let fix = try SpawnedBinary.run(TestPaths.shipshapeBinary, ["fix", "DEIS1-ROUTER-SCALE", "--yes", "--audit-log", audit], environment: env, timeout: 300)
        #expect(fix.status == 0, "\(fix.stdout)\n\(fix.stderr)")
        #expect(fix.stdout.contains("runs:    deisctl --endpoint=\(lab.endpoints[0]) scale router=2"))
        let routers = try lab.routerMachines()
        #expect(Set(routers.keys) == ["deis-router@1.service", "deis-router@2.service"], "fleetctl list-units: \(routers)")
        #expect(Set(routers.values).count == 2, "on two machines")

        let undo = try SpawnedBinary.run(TestPaths.shipshapeBinary, ["undo", "--yes", "--audit-log", audit], environment: env, timeout: 300)
        #expect(undo.status == 0, "\(undo.stdout)\n\(undo.stderr)")
        #expect(try Set(lab.routerMachines().keys) == ["deis-router@1.service"])
    }

    @Test("a stopped etcd member and a stopped fleetd machine show in their panes within two refreshes")
    func stoppedMemberAndMachine() async throws {
        let lab = try lab()
        let directory = try TestPaths.temporaryDirectory("deis1-panes")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try Self.session(lab, directory, readImages: false)
        _ = await session.refresh()

        let victim = try #require(lab.info.etcd.members.first { $0.label == "infra3" })
        try lab.lab("stop-member", ["--member", "infra3"])
        var memberDown = false
        for _ in 0..<2 where !memberDown {
            let state = await session.refresh().state
            let pane = EtcdPane.source(etcd: state.etcd)
            memberDown = (0..<pane.rowCount).contains { pane.row(at: $0)[0].text == victim.name && pane.row(at: $0)[2].text == "down" }
            if memberDown {
                #expect(pane.summary?.first?.text == "3 members, tolerates 1 failure; 1 down, 0 more failures tolerated")
                #expect(state.etcd.value?.clusterHealth == .degraded)
            }
        }
        #expect(memberDown, "the etcd pane did not show \(victim.name) down within two refreshes")
        try lab.lab("start-member", ["--member", "infra3"])

        let machine = try #require(lab.info.machines.first { $0.index == 5 })
        try lab.lab("kill-machine", ["--machine", machine.name, "--signal", "TERM"])   // `systemctl stop fleet`
        defer { _ = try? lab.lab("start-machine", ["--machine", machine.name]) }
        var machineGone = false
        for _ in 0..<2 where !machineGone {
            let state = await session.refresh().state
            let pane = FleetMachinesPane.source(fleet: state.fleet, etcd: state.etcd)
            machineGone = pane.rowCount == 4 && !(0..<pane.rowCount).contains { pane.row(at: $0)[0].text == String(machine.id.prefix(8)) }
            if machineGone { #expect(pane.summary?.first?.text.hasPrefix("4 machine(s)") == true) }
        }
        #expect(machineGone, "the Nodes pane still listed \(machine.name) after two refreshes")
    }

    @Test("shipshape records backup records a data backup (who, when, where); DEIS1-BACKUP's data half then passes")
    func recordDataBackup() async throws {
        let lab = try lab()
        let directory = try TestPaths.temporaryDirectory("deis1-records")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let audit = directory + "/audit.jsonl"
        let recorded = try SpawnedBinary.run(TestPaths.shipshapeBinary, ["records", "backup", "--location", "s3://lab-backups/db_wal", "--by", "ops",
                                                                         "--yes", "--audit-log", audit],
                                             environment: lab.operatorEnvironment(stateDirectory: directory), timeout: 120)
        #expect(recorded.status == 0, "\(recorded.stdout)\n\(recorded.stderr)")
        let session = Session(adapter: lab.adapter(readImages: false), audit: try AuditLog(path: audit), verifyTimeoutSeconds: 10)
        let record = try #require(try session.records.load().backups.first)
        #expect(record.kind == "platform data" && record.by == "ops" && record.location == "s3://lab-backups/db_wal" && !record.verified)
        let data = try #require(await session.refresh().findings.first { $0.rule.id == "DEIS1-BACKUP" && $0.subject == "platform data" })
        #expect(data.verdict == .pass && data.message.contains("by ops"))
    }

    @Test("in the console: the /deis export is kept and verified, the router firewall fix reads back through v2, preseed clears a machine")
    func consoleFixes() async throws {
        let lab = try lab()
        let directory = try TestPaths.temporaryDirectory("deis1-console")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try Self.session(lab, directory)
        let before = await session.refresh()

        let config = try #require(before.findings.first { $0.rule.id == "DEIS1-BACKUP" && $0.subject == "/deis config" })
        let export = try #require(await session.plan(for: config))
        #expect(await session.apply(export).succeeded)
        let record = try #require(try session.records.load().backups.first { $0.kind == "/deis config" })
        #expect(record.verified && record.location.hasPrefix(directory + "/backups/deis-v1/deis-config-"))
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: record.location))) as? [String: Any])
        #expect((tree["node"] as? [String: Any])?["key"] as? String == "/deis")
        #expect(try String(contentsOfFile: record.location, encoding: .utf8).contains("lab.example.com"), "the domain deisctl set is in it")

        let firewall = try #require(before.findings.first { $0.subject == Deis1Names.routerFirewallKey })
        let plan = try #require(await session.plan(for: firewall))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "DEIS1-FIREWALL cleared"))
        #expect(try lab.etcdctlV2(["get", Deis1Names.routerFirewallKey]).stdout == "true\n")
        let undo = try #require(await session.undoPlan(for: plan))
        #expect(await session.apply(undo) == .applied(findingCleared: true, detail: "restored"))
        #expect(try lab.etcdctlV2(["get", Deis1Names.routerFirewallKey]).status == 4)

        let preseed = try #require(before.findings.first { $0.rule.id == "DEIS1-PRESEED" })
        let pull = try #require(await session.plan(for: preseed))
        #expect(await session.apply(pull) == .applied(findingCleared: true, detail: "DEIS1-PRESEED cleared"))
        #expect(await session.refresh().findings.filter { $0.rule.id == "DEIS1-PRESEED" }.count == 4)
    }
}

/// The demo's fleet sandbox against the real fleetctl: its tabwriter must print what fleetctl 1.0
/// prints for the same rows, byte for byte (reference/cli-formats.md §2.1 was written from source).
extension Deis1LabTests {
    @Test("the sandbox's Go tabwriter renders the real fleetctl's tables byte for byte", arguments: [
        ["list-machines"], ["list-machines", "--full"], ["list-machines", "--full", "--no-legend", "--fields=machine,ip,metadata"],
        ["list-units"], ["list-units", "--full", "--no-legend", "--fields=unit,machine,active,sub"], ["list-units", "--fields=unit,load,hash"],
        ["list-unit-files"],
    ])
    func tabwriter(arguments: [String]) throws {
        let real = try lab().fleetctl(arguments)
        #expect(real.status == 0, "\(real.stderr)")
        let rows = real.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: true).map(String.init) }
        #expect(!rows.isEmpty)
        #expect(GoTabWriter.render(rows) == real.stdout)
    }
}

/// `shipshape check --demo deis-v1`: the bundled cluster through the binary.
@Suite struct Deis1DemoCheckTests {
    @Test("check --demo deis-v1 --format json reports every rule with its verdict, no probe error")
    func checkDemo() throws {
        let result = try SpawnedBinary.run(TestPaths.shipshapeBinary, ["check", "--demo", "deis-v1", "--format", "json"],
                                           environment: Deis1Lab.baseEnvironment(), timeout: 60)
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var verdicts: [String: [String]] = [:]
        for finding in json["findings"] as? [[String: Any]] ?? [] {
            let id = (finding["rule"] as? [String: Any])?["id"] as? String ?? "?"
            verdicts[id, default: []].append(finding["verdict"] as? String ?? "?")
        }
        #expect(verdicts == ["DEIS1-PLANES": ["fail", "fail"], "DEIS1-ETCD-SIZE": ["fail"], "DEIS1-ETCD-PROXY": ["pass"], "DEIS1-CEPH": ["fail"],
                             "DEIS1-PRESEED": ["fail", "fail", "fail"], "DEIS1-REGISTRATION": ["fail"], "DEIS1-LOGGING": ["fail"],
                             "DEIS1-MONITORING": ["fail"], "DEIS1-TLS": ["fail"], "DEIS1-ROUTER-SCALE": ["fail"], "DEIS1-FIREWALL": ["fail", "manual"],
                             "DEIS1-BACKUP": ["fail", "fail"], "ETCD-QUORUM": ["pass"]])
        #expect((json["probeErrors"] as? [Any])?.isEmpty == true)
    }
}

/// etcd 3.4 servers that cannot be Deis v1's, each answered plainly.
@Suite(.serialized)
struct Deis1EtcdServerTests {
    static func check(_ arguments: [String], tools: String) throws -> SpawnedBinary.Result {
        let directory = try TestPaths.temporaryDirectory("deis1-check")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var env = Deis1Lab.baseEnvironment(pathPrepend: [tools])
        env["XDG_STATE_HOME"] = directory
        env["XDG_DATA_HOME"] = directory
        return try SpawnedBinary.run(TestPaths.shipshapeBinary, ["check"] + arguments, environment: env, timeout: 120)
    }

    static func tools() throws -> String {
        let build = try SpawnedBinary.run(Deis1Lab.buildScript, [], environment: Deis1Lab.baseEnvironment(), timeout: 600)
        guard build.status == 0 else { throw Deis1Lab.Failed(description: "scripts/build-deis1-tools: \(build.stderr)") }
        return build.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("only v2 data: Deis v1's keys are read from v2; the bare etcd view says a v3 snapshot would hold none of it")
    func onlyV2Data() async throws {
        let cluster = try await EtcdCluster.start(size: 1)
        defer { cluster.shutdown() }
        let endpoint = cluster.endpoints[0]
        let set = try SpawnedBinary.run(try EtcdCluster.executable("etcdctl"), ["--endpoints=\(endpoint)", "set", Deis1Names.registrationKey, "enabled"],
                                        environment: ["ETCDCTL_API": "2", "PATH": "/usr/bin:/bin"])
        #expect(set.status == 0)
        let tools = try Self.tools()
        let deis = try Self.check(["--platform", "deis1", "--etcd-endpoints", endpoint, "--fleet-endpoint", endpoint, "--fleet-driver", "etcd",
                                   "--format", "json"], tools: tools)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(deis.stdout.utf8)) as? [String: Any], "\(deis.stderr)")
        let findings = report["findings"] as? [[String: Any]] ?? []
        let registration = try #require(findings.first { ($0["rule"] as? [String: Any])?["id"] as? String == "DEIS1-REGISTRATION" })
        #expect(registration["message"] as? String == "registrationMode=enabled: anyone can register", "read from the v2 store")

        let bare = try Self.check(["--platform", "etcd", "--etcd-endpoints", endpoint], tools: tools)
        #expect(bare.stdout.contains("the v3 keyspace is empty and the data is in the v2 store"), "\(bare.stdout)")
    }

    @Test("v2 disabled: Deis v1 says the server does not serve the v2 API; detection says why it is not Deis v1")
    func v2Disabled() async throws {
        let cluster = try await EtcdCluster.start(size: 1, enableV2: false)
        defer { cluster.shutdown() }
        let endpoint = cluster.endpoints[0]
        let tools = try Self.tools()
        let deis = try Self.check(["--platform", "deis1", "--etcd-endpoints", endpoint, "--fleet-endpoint", endpoint, "--fleet-driver", "etcd"], tools: tools)
        #expect(deis.status == 2, "the cluster could not be read: \(deis.stdout) \(deis.stderr)")
        #expect((deis.stdout + deis.stderr).contains("does not serve the v2 API (HTTP 404)"))
        let detected = try Self.check(["--etcd-endpoints", endpoint, "--fleet-endpoint", endpoint, "--fleet-driver", "etcd"], tools: tools)
        #expect((detected.stdout + detected.stderr).contains("does not serve the v2 API"), "\(detected.stdout) \(detected.stderr)")
    }
}
