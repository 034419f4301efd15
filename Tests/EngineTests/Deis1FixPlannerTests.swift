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

/// The plans Deis v1 fixes turn into: exact argv, preview, checks, risk.
@Suite("Deis v1 fix planner")
struct Deis1FixPlannerTests {
    let etcd = EtcdTarget(endpoints: ["http://10.0.1.11:2379", "http://10.0.1.12:2379"], cacert: "/ca.pem")
    let fleet = FleetTarget(endpoint: "http://10.0.1.11:49153")
    let m1 = Deis1Fixtures.machine(1), m2 = Deis1Fixtures.machine(2)

    var seen: FleetState {
        FleetState(machines: [m1, m2], units: [
            Deis1Fixtures.unit("deis-builder.service", on: m1),
            Deis1Fixtures.unit("deis-logspout.service", on: m1), Deis1Fixtures.unit("deis-logspout.service", on: m2),
            Deis1Fixtures.unit("deis-router@1.service", on: m2), Deis1Fixtures.unit("deis-store-daemon.service", on: m1),
        ])
    }

    func planner(seen: FleetState? = nil) -> Deis1FixPlanner {
        Deis1FixPlanner(etcd: etcd, fleet: fleet, seen: seen ?? self.seen)
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

    @Test("registration: put through the pinned endpoints; checks read the key as trimmed text")
    func registrationPlan() throws {
        let intent = FixIntent.setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: "enabled", to: "admin_only")
        let plan = try #require(planned(planner(), intent, ruleID: "DEIS1-REGISTRATION", subject: Deis1Names.registrationKey))
        #expect(plan.commands.map(\.argv) == [["etcdctl", "--endpoints=http://10.0.1.11:2379,http://10.0.1.12:2379", "--cacert=/ca.pem",
                                               "put", "--", "/deis/controller/registrationMode", "admin_only"]])
        #expect(plan.title == "Set /deis/controller/registrationMode=admin_only" && plan.risk == .low)
        #expect(plan.changes == [.init(what: "etcd /deis/controller/registrationMode", from: "enabled", to: "admin_only")])
        #expect(plan.dryRunCommands.isEmpty)
        let read = ["etcdctl", "--endpoints=http://10.0.1.11:2379,http://10.0.1.12:2379", "--cacert=/ca.pem", "get", "/deis/controller/registrationMode", "--print-value-only"]
        #expect(plan.preconditions.map(\.command.argv) == [read] && plan.preconditions[0].jsonPath.isEmpty && plan.preconditions[0].expected == "enabled")
        #expect(plan.postconditions.map(\.command.argv) == [read] && plan.postconditions[0].expected == "admin_only")
    }

    @Test("undo of a registration fix sets the old value back, absence included")
    func registrationUndo() throws {
        let intent = FixIntent.setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: nil, to: "admin_only")
        let inverse = try #require(intent.inverse)
        let undo = try #require(planned(planner(), inverse, ruleID: "DEIS1-REGISTRATION", subject: "s"))
        #expect(undo.commands[0].arguments.suffix(2) == ["del", "/deis/controller/registrationMode"])
        #expect(undo.preconditions[0].expected == "admin_only" && undo.postconditions[0].expected == nil)
        #expect(undo.title == "Delete /deis/controller/registrationMode")
    }

    @Test("secrets and flag-like keys are never planned")
    func refusedKeys() {
        #expect(planned(planner(), .setSetting(Deis1Names.setting(forKey: Deis1Names.sslKeyKey), from: nil, to: "x"), ruleID: "r", subject: "s") == nil)
        #expect(planned(planner(), .setSetting(Deis1Names.setting(forKey: "--endpoints=evil"), from: nil, to: "x"), ruleID: "r", subject: "s") == nil)
    }

    @Test("router start: fleetctl start, bounded wait; the unit list before and after in fleet's order")
    func startPlan() throws {
        let plan = try #require(planned(planner(), .scale(workload: "router", from: 1, to: 2), ruleID: "DEIS1-ROUTER-SCALE", subject: "deis-router"))
        #expect(plan.commands.map(\.argv) == [["fleetctl", "--endpoint=http://10.0.1.11:49153", "start", "--block-attempts=60", "deis-router@2.service"]])
        #expect(plan.risk == .low && plan.title == "Scale the router from 1 to 2")
        let list = ["fleetctl", "--endpoint=http://10.0.1.11:49153", "list-units", "--full", "--no-legend", "--fields=unit"]
        #expect(plan.preconditions.map(\.command.argv) == [list])
        #expect(plan.preconditions[0].expected == "deis-builder.service\ndeis-logspout.service\ndeis-logspout.service\ndeis-router@1.service\ndeis-store-daemon.service")
        #expect(plan.postconditions[0].expected == "deis-builder.service\ndeis-logspout.service\ndeis-logspout.service\ndeis-router@1.service\ndeis-router@2.service\ndeis-store-daemon.service")
    }

    @Test("the inverse of a start destroys the unit: high risk, list without it afterwards")
    func destroyPlan() throws {
        var after = seen
        after.units.append(Deis1Fixtures.unit("deis-router@2.service", on: m1))
        let inverse = try #require(FixIntent.scale(workload: "router", from: 1, to: 2).inverse)
        let plan = try #require(planned(planner(seen: after), inverse, ruleID: "DEIS1-ROUTER-SCALE", subject: "deis-router"))
        #expect(plan.commands.map(\.arguments) == [["--endpoint=http://10.0.1.11:49153", "destroy", "deis-router@2.service"]])
        #expect(plan.risk == .high)
        #expect(plan.postconditions[0].expected?.contains("deis-router@2.service") == false)
        #expect(planned(planner(), .scale(workload: "router", from: 3, to: 1)) == nil, "the finding's count no longer matches fleet")
    }

    @Test("fleet plans need a fleet state; only the router scales")
    func fleetGuards() {
        #expect(planned(Deis1FixPlanner(etcd: etcd, fleet: fleet, seen: nil), .scale(workload: "router", from: 1, to: 2)) == nil)
        #expect(planned(planner(), .scale(workload: "--help", from: 1, to: 2)) == nil)
        #expect(planned(planner(), .scale(workload: "controller", from: 1, to: 2)) == nil)
    }

    @Test("preseed: fleetctl ssh MACHINE /run/deis/bin/preseed, the machine list as precondition")
    func preseedPlan() throws {
        let plan = try #require(planned(planner(), .preseedImages(machine: m2.id), ruleID: "DEIS1-PRESEED", subject: m2.label))
        #expect(plan.commands.map(\.argv) == [["fleetctl", "--endpoint=http://10.0.1.11:49153", "ssh", m2.id, "/run/deis/bin/preseed"]])
        #expect(plan.commands[0].timeoutSeconds == 1800)
        #expect(plan.preconditions[0].command.arguments.suffix(4) == ["list-machines", "--full", "--no-legend", "--fields=machine"])
        #expect(plan.preconditions[0].expected == "\(m1.id)\n\(m2.id)")
        #expect(plan.postconditions.isEmpty)
        #expect(FixIntent.preseedImages(machine: m2.id).inverse == nil)
        #expect(planned(planner(), .preseedImages(machine: "ffffffff"), ruleID: "r", subject: "s") == nil)
    }

    @Test("fleet's order is byte-wise by name, copies of a global unit kept together")
    func fleetOrder() {
        #expect(Deis1FixPlanner.fleetOrder(["b.service", "a.service", "B.service", "a.service", "a-b.service"])
                == ["B.service", "a-b.service", "a.service", "a.service", "b.service"])
    }
}
