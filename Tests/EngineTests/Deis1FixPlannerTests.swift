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


/// The plans Deis v1 fixes turn into — exact argv, preview, checks, risk — written against what
/// deisctl 1.13.4 and v2 etcdctl take (reference/cli-formats.md §1.6, §2.6; deisctl's
/// `config/config.go` and `backend/fleet/scale.go`).
@Suite("Deis v1 fix planner")
struct Deis1FixPlannerTests {
    let etcd = EtcdTarget(endpoints: ["http://10.0.1.11:2379", "http://10.0.1.12:2379"], cacert: "/ca.pem")
    let fleet = FleetTarget(endpoint: "http://10.0.1.11:2379,http://10.0.1.12:2379", driver: .etcd)
    var deisctl: DeisctlTarget { Deis1Pins.deisctl(for: etcd, tunnel: nil) }
    let m1 = Deis1Fixtures.machine(1), m2 = Deis1Fixtures.machine(2)

    var seen: FleetState {
        FleetState(machines: [m1, m2], units: [
            Deis1Fixtures.unit("deis-builder.service", on: m1),
            Deis1Fixtures.unit("deis-logspout.service", on: m1), Deis1Fixtures.unit("deis-logspout.service", on: m2),
            Deis1Fixtures.unit("deis-router@1.service", on: m2), Deis1Fixtures.unit("deis-store-daemon.service", on: m1),
        ])
    }

    func planner(seen: FleetState? = nil, deisctl: DeisctlTarget? = nil) -> Deis1FixPlanner {
        Deis1FixPlanner(etcd: etcd, fleet: fleet, deisctl: deisctl ?? self.deisctl, seen: seen ?? self.seen)
    }

    /// The plan the adapter's capabilities make for an intent, or nil when refused.
    func planned(_ planner: Deis1FixPlanner, _ intent: FixIntent, ruleID: String = "r", subject: String = "s") -> FixPlan? {
        switch intent {
        case .setSetting(let setting, let from, let to): return try? planner.planSetting(setting, from: from, to: to, ruleID: ruleID, subject: subject).get()
        case .scale(let workload, let from, let to): return try? planner.planScale(workload: workload, from: from, to: to, ruleID: ruleID, subject: subject).get()
        case .preseedImages(let machine): return try? planner.planPreseed(machine: machine, ruleID: ruleID, subject: subject).get()
        default: return nil
        }
    }

    /// v2 etcdctl on the pinned endpoints, no sync, its own TLS flag spelling, a linearizable read.
    var read: [String] {
        ["etcdctl", "--endpoints", "http://10.0.1.11:2379,http://10.0.1.12:2379", "--no-sync", "--ca-file", "/ca.pem",
         "get", "--quorum", "/deis/controller/registrationMode"]
    }

    @Test("registration: deisctl config controller set, one endpoint with =; the v2 key read back; the admin note")
    func registrationPlan() throws {
        let intent = FixIntent.setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: "enabled", to: "admin_only")
        let plan = try #require(planned(planner(), intent, ruleID: "DEIS1-REGISTRATION", subject: Deis1Names.registrationKey))
        // deisctl strips its global options by the `--endpoint=` prefix: the space form would reach `config`.
        #expect(plan.commands.map(\.argv) == [["deisctl", "--endpoint=http://10.0.1.11:2379", "--etcd-cafile=/ca.pem",
                                               "config", "controller", "set", "registrationMode=admin_only"]])
        #expect(plan.commands[0].environment.isEmpty, "deisctl is pinned by flags; no DEISCTL_TUNNEL leaks in")
        #expect(plan.title == "deisctl config controller set registrationMode=admin_only" && plan.risk == .low)
        #expect(plan.changes == [.init(what: "etcd v2 /deis/controller/registrationMode", from: "enabled", to: "admin_only")])
        #expect(plan.dryRunCommands.isEmpty)
        for check in plan.preconditions + plan.postconditions {
            #expect(check.command.argv == read && check.command.environment == ["ETCDCTL_API": "2"] && check.jsonPath.isEmpty)
            #expect(check.absentWhen == StateCheck.AbsentSignal(status: 4, stderrContains: "100: Key not found"))
        }
        #expect(plan.preconditions[0].expected == "enabled" && plan.postconditions[0].expected == "admin_only")
        #expect(plan.notes.count == 1 && plan.notes[0].hasPrefix("Register the admin user first"))
    }

    @Test("undo from an absent key removes it with deisctl config rm; the read-back expects absence")
    func registrationUndo() throws {
        let intent = FixIntent.setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: nil, to: "admin_only")
        let inverse = try #require(intent.inverse)
        let undo = try #require(planned(planner(), inverse, ruleID: "DEIS1-REGISTRATION", subject: "s"))
        #expect(undo.commands[0].arguments.suffix(4) == ["config", "controller", "rm", "registrationMode"])
        #expect(undo.preconditions[0].expected == "admin_only" && undo.postconditions[0].expected == nil)
        #expect(undo.title == "deisctl config controller rm registrationMode" && undo.notes.isEmpty)
    }

    @Test("router settings keep their path: firewall/enabled and enforceHTTPS, each with its note")
    func routerSettings() throws {
        let firewall = try #require(planned(planner(), .setSetting(Deis1Names.setting(forKey: Deis1Names.routerFirewallKey), from: nil, to: "true")))
        #expect(firewall.commands[0].arguments.suffix(4) == ["config", "router", "set", "firewall/enabled=true"])
        #expect(firewall.notes.first?.contains("naxsi") == true)
        let https = try #require(planned(planner(), .setSetting(Deis1Names.setting(forKey: Deis1Names.enforceHTTPSKey), from: "false", to: "true")))
        #expect(https.commands[0].arguments.suffix(4) == ["config", "router", "set", "enforceHTTPS=true"])
        let placement = try #require(planned(planner(), .setSetting(Deis1Names.setting(forKey: Deis1Names.placementOptionsKey), from: nil, to: "true")))
        #expect(placement.commands[0].arguments.suffix(4) == ["config", "platform", "set", "enablePlacementOptions=true"])
    }

    @Test("DEISCTL_TUNNEL becomes deisctl's own --tunnel= flag, shown in every argv")
    func tunnel() throws {
        let tunnelled = planner(deisctl: Deis1Pins.deisctl(for: EtcdTarget(endpoints: ["http://10.0.1.11:2379"]), tunnel: "bastion.example:2222"))
        let plan = try #require(planned(tunnelled, .setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: nil, to: "admin_only")))
        #expect(plan.commands[0].argv.prefix(3) == ["deisctl", "--endpoint=http://10.0.1.11:2379", "--tunnel=bastion.example:2222"])
    }

    @Test("secrets, file-valued keys, flag-like keys, empty and multi-line values are never planned")
    func refusedKeys() {
        for key in [Deis1Names.sslKeyKey, Deis1Names.sslCertKey, Deis1Names.sshPrivateKeyKey, "/deis/router/sslDhparam", "--endpoint=evil"] {
            #expect(planned(planner(), .setSetting(Deis1Names.setting(forKey: key), from: nil, to: "x")) == nil, "\(key)")
        }
        let mode = Deis1Names.setting(forKey: Deis1Names.registrationKey)
        #expect(planned(planner(), .setSetting(mode, from: nil, to: "")) == nil)
        #expect(planned(planner(), .setSetting(mode, from: nil, to: "a\nb")) == nil)
    }

    @Test("router 1 → 2: deisctl scale router=2, the new unit predicted as deisctl names it, fleet's order")
    func scaleUp() throws {
        let plan = try #require(planned(planner(), .scale(workload: "router", from: 1, to: 2), ruleID: "DEIS1-ROUTER-SCALE", subject: "deis-router"))
        #expect(plan.commands.map(\.argv) == [["deisctl", "--endpoint=http://10.0.1.11:2379", "--etcd-cafile=/ca.pem", "scale", "router=2"]])
        #expect(plan.risk == .low && plan.title == "Scale the router from 1 to 2")
        let list = ["fleetctl", "--driver=etcd", "--endpoint=http://10.0.1.11:2379,http://10.0.1.12:2379", "list-units", "--full", "--no-legend", "--fields=unit"]
        #expect(plan.preconditions.map(\.command.argv) == [list] && plan.postconditions.map(\.command.argv) == [list])
        #expect(plan.preconditions[0].expected == "deis-builder.service\ndeis-logspout.service\ndeis-logspout.service\ndeis-router@1.service\ndeis-store-daemon.service")
        #expect(plan.postconditions[0].expected == "deis-builder.service\ndeis-logspout.service\ndeis-logspout.service\ndeis-router@1.service\ndeis-router@2.service\ndeis-store-daemon.service")
    }

    @Test("the undo scales back with deisctl: high risk, the top router gone afterwards")
    func scaleDown() throws {
        var after = seen
        after.units.append(Deis1Fixtures.unit("deis-router@2.service", on: m1))
        let inverse = try #require(FixIntent.scale(workload: "router", from: 1, to: 2).inverse)
        let plan = try #require(planned(planner(seen: after), inverse, ruleID: "DEIS1-ROUTER-SCALE", subject: "deis-router"))
        #expect(plan.commands.map(\.arguments.last) == ["router=1"])
        #expect(plan.risk == .high && plan.changes[0].to == "1 (deis-router@2.service destroyed)")
        #expect(plan.postconditions[0].expected?.contains("deis-router@2.service") == false)
        #expect(plan.postconditions[0].expected?.contains("deis-router@1.service") == true)
        #expect(planned(planner(), .scale(workload: "router", from: 3, to: 1)) == nil, "the finding's count no longer matches fleet")
    }

    @Test("routers not numbered 1…N are refused: deisctl would count them wrong")
    func gappedRouters() {
        var gapped = seen
        gapped.units = gapped.units.filter { $0.baseName != "deis-router" } + [Deis1Fixtures.unit("deis-router@3.service", on: m2)]
        let planner = planner(seen: gapped)
        if case .failure(let refusal) = planner.planScale(workload: "router", from: 1, to: 2, ruleID: "r", subject: "s") {
            #expect(refusal.reason.contains("deis-router@3.service") && refusal.reason.contains("by hand"))
        } else {
            Issue.record("a gapped router set was planned")
        }
    }

    @Test("fleet plans need a fleet state; only the router scales")
    func fleetGuards() {
        #expect(planned(Deis1FixPlanner(etcd: etcd, fleet: fleet, deisctl: deisctl, seen: nil), .scale(workload: "router", from: 1, to: 2)) == nil)
        #expect(planned(planner(), .scale(workload: "--help", from: 1, to: 2)) == nil)
        #expect(planned(planner(), .scale(workload: "controller", from: 1, to: 2)) == nil)
    }

    @Test("preseed: fleetctl --driver=etcd ssh MACHINE /run/deis/bin/preseed, the machine list as precondition")
    func preseedPlan() throws {
        let plan = try #require(planned(planner(), .preseedImages(machine: m2.id), ruleID: "DEIS1-PRESEED", subject: m2.label))
        #expect(plan.commands.map(\.argv) == [["fleetctl", "--driver=etcd", "--endpoint=http://10.0.1.11:2379,http://10.0.1.12:2379", "ssh", m2.id, "/run/deis/bin/preseed"]])
        #expect(plan.commands[0].timeoutSeconds == 1800)
        #expect(plan.preconditions[0].command.arguments.suffix(4) == ["list-machines", "--full", "--no-legend", "--fields=machine"])
        #expect(plan.preconditions[0].expected == "\(m1.id)\n\(m2.id)")
        #expect(plan.postconditions.isEmpty)
        #expect(FixIntent.preseedImages(machine: m2.id).inverse == nil)
        #expect(planned(planner(), .preseedImages(machine: "ffffffff"), ruleID: "r", subject: "s") == nil)
    }

    @Test("the /deis export: one v2 JSON read kept by the console, never over a file, checked at node.key")
    func configExport() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let plan = try planner().planConfigExport(targetName: "deis/prod", ruleID: "DEIS1-BACKUP", subject: "/deis config",
                                                  backupDirectory: "/b", now: now).get()
        #expect(plan.commands.isEmpty && plan.intent == .exportConfig && plan.risk == .low)
        guard case .keepExport(let command, let partial, let final, let kind, let path, let expected)? = plan.local else {
            Issue.record("no export action"); return
        }
        #expect(command.argv == ["etcdctl", "--endpoints", "http://10.0.1.11:2379,http://10.0.1.12:2379", "--no-sync", "--ca-file", "/ca.pem",
                                 "-o", "json", "ls", "--recursive", "--sort", "/deis"] && command.environment == ["ETCDCTL_API": "2"])
        #expect(final == "/b/deis_prod/deis-config-20270115T080000Z.json" && partial == final + ".part")
        #expect(kind == "/deis config" && path == ["node", "key"] && expected == "/deis")
        #expect(plan.local?.folders == ["/b/deis_prod"] && plan.local?.leftovers == [partial])
        #expect(plan.notes.first?.contains("secrets included") == true)
    }

    @Test("fleet's order is byte-wise by name, copies of a global unit kept together")
    func fleetOrder() {
        #expect(Deis1FixPlanner.fleetOrder(["b.service", "a.service", "B.service", "a.service", "a-b.service"])
                == ["B.service", "a-b.service", "a.service", "a.service", "b.service"])
    }
}
