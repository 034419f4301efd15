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

/// Every Deis v1 rule, on small hand-built states: pass, fail (with or without a fix),
/// unreadable input, and not applicable.
@Suite("Deis v1 rules")
struct Deis1RulesTests {
    typealias F = Deis1Fixtures
    let m1 = F.machine(1), m2 = F.machine(2), m3 = F.machine(3)

    // MARK: DEIS1-PLANES

    @Test("planes: isolated machines pass")
    func planesPass() {
        let control = F.machine(1, metadata: ["controlPlane": "true"]), data = F.machine(2, metadata: ["dataPlane": "true"])
        let router = F.machine(3, metadata: ["routerMesh": "true"])
        let state = F.state(fleet: F.fleet([control, data, router], [F.unit("deis-controller.service", on: control),
                                                                     F.unit("deis-publisher.service", on: data), F.unit("web_v2.web.1.service", on: data),
                                                                     F.unit("deis-router@1.service", on: router)]))
        let findings = F.evaluate(Deis1PlanesRule(), state)
        #expect(findings.map(\.verdict) == [.pass])
        #expect(findings[0].message == "control plane on 1, data plane on 1, router mesh on 1 machine(s)")
    }

    @Test("planes: a machine without metadata, shared machines, machines in both planes")
    func planesFail() {
        let bare = F.machine(1, metadata: ["az": "us-west-1b"])
        #expect(F.evaluate(Deis1PlanesRule(), F.state(fleet: F.fleet([bare, m2], []))).first?.message
                == "1 machine(s) carry no plane metadata (01ababab/10.0.1.11); needs cloud-config")
        let shared = F.evaluate(Deis1PlanesRule(), F.state(fleet: F.fleet([m1], [F.unit("deis-database.service", on: m1), F.unit("myapp_v3.cmd.1.service", on: m1)])))
        #expect(shared.first?.verdict == .fail)
        #expect(shared.first?.message.contains("01ababab/10.0.1.11 runs deis-database and myapp") == true)
        let both = F.evaluate(Deis1PlanesRule(), F.state(fleet: F.fleet([m1, m2], [])))
        #expect(both.first?.message.hasPrefix("2 machine(s) are in both the control and the data plane") == true)
        #expect(both.first?.fix == nil)
    }

    @Test("planes: unreadable fleet, empty fleet, not probed")
    func planesEdges() {
        #expect(F.evaluate(Deis1PlanesRule(), F.state(fleet: .failed(ProbeError(.unreachable, "fleet down")))).first?.verdict == .error)
        #expect(F.evaluate(Deis1PlanesRule(), F.state(fleet: F.fleet([], []))).first?.verdict == .error)
        #expect(F.evaluate(Deis1PlanesRule(), F.state()).isEmpty)
    }

    @Test("app units are recognised by the Deis v1 scheduler's naming")
    func appUnits() {
        #expect(Deis1Names.isAppUnit("web_v2.web.1.service"))
        #expect(Deis1Names.isAppUnit("my-app_v14.worker.3.service"))
        #expect(!Deis1Names.isAppUnit("deis-builder.service"))
        #expect(!Deis1Names.isAppUnit("node-exporter.service"))
        #expect(!Deis1Names.isAppUnit("web_vx.web.1.service"))
    }

    // MARK: DEIS1-ETCD-SIZE

    @Test("etcd size", arguments: [
        (3, 3, Verdict.pass), (5, 5, .pass), (3, 7, .pass), (5, 9, .pass), (7, 7, .fail), (4, 4, .fail), (1, 1, .fail), (2, 6, .fail),
    ])
    func etcdSize(members: Int, machines: Int, verdict: Verdict) {
        let state = F.state(fleet: F.fleet((1...machines).map { F.machine($0) }, []), etcd: F.etcd((1...members).map { F.member($0) }))
        #expect(F.evaluate(Deis1EtcdSizeRule(), state).map(\.verdict) == [verdict])
    }

    @Test("etcd size: messages, learners not counted, unreadable")
    func etcdSizeMessages() {
        let seven = F.state(fleet: F.fleet((1...7).map { F.machine($0) }, []), etcd: F.etcd((1...7).map { F.member($0) }))
        #expect(F.evaluate(Deis1EtcdSizeRule(), seven)[0].message == "7 full members on 7 machine(s): keep 3 or 5 members and run the other machines as etcd proxies")
        let proxies = F.state(fleet: F.fleet((1...7).map { F.machine($0) }, []), etcd: F.etcd((1...3).map { F.member($0) } + [F.member(4, learner: true)]))
        #expect(F.evaluate(Deis1EtcdSizeRule(), proxies)[0].message == "3 members; the other 4 machine(s) are not members (proxies)")
        #expect(F.evaluate(Deis1EtcdSizeRule(), F.state(etcd: .failed(ProbeError(.unreachable, "x"))))[0].verdict == .error)
    }

    // MARK: DEIS1-CEPH

    @Test("ceph: store units fail (counted), none pass")
    func ceph() {
        let withStore = F.state(fleet: F.fleet([m1, m2], [F.unit("deis-store-daemon.service", on: m1), F.unit("deis-store-daemon.service", on: m2),
                                                          F.unit("deis-store-gateway@1.service", on: m1), F.unit("deis-router@1.service", on: m2)]))
        let fail = F.evaluate(Deis1CephRule(), withStore)
        #expect(fail.map(\.verdict) == [.fail] && fail[0].severity == .info)
        #expect(fail[0].message == "Ceph store units run (deis-store-daemon ×2, deis-store-gateway); consider external S3 + PostgreSQL + log service")
        #expect(F.evaluate(Deis1CephRule(), F.state(fleet: F.fleet([m1], [F.unit("deis-router@1.service", on: m1)]))).map(\.verdict) == [.pass])
    }

    // MARK: DEIS1-PRESEED

    func preseedState(images: [String: Loaded<[String]>], version: String? = "v1.13.4") -> ClusterState {
        let units = [F.unit("deis-router@1.service", on: m1), F.unit("deis-controller.service", on: m2)]
        let keys: [String: EtcdKeyValue] = version.map { [Deis1Names.platformVersionKey: .value($0)] } ?? [:]
        return F.state(fleet: F.fleet([m1, m2], units, images: images), etcd: F.keys(keys))
    }

    @Test("preseed: a machine lacking images fails with a preseed fix for that machine")
    func preseedFail() {
        let findings = F.evaluate(Deis1PreseedRule(), preseedState(images: [
            m1.id: .loaded(["deis/router:v1.13.4", "deis/controller:v1.13.4"]),
            m2.id: .loaded(["deis/controller:v1.13.4", "deis/router:v1.12.0"]),
        ]))
        #expect(findings.count == 1)
        #expect(findings[0].subject == m2.label && findings[0].verdict == .fail)
        #expect(findings[0].fix == .preseedImages(machine: m2.id))
        #expect(findings[0].message.hasPrefix("lacks 1 of 2 Deis images (deis/router:v1.13.4)"))
    }

    @Test("preseed: all machines hold the release's images")
    func preseedPass() {
        let all: Loaded<[String]> = .loaded(["deis/router:v1.13.4", "deis/controller:v1.13.4", "busybox:latest"])
        let findings = F.evaluate(Deis1PreseedRule(), preseedState(images: [m1.id: all, m2.id: all]))
        #expect(findings.map(\.verdict) == [.pass])
        #expect(findings[0].message == "all 2 machine(s) hold the 2 Deis images of v1.13.4")
    }

    @Test("preseed: without a release key any tag counts; unreadable machine is an error; images not read is manual")
    func preseedEdges() {
        let anyTag = F.evaluate(Deis1PreseedRule(), preseedState(images: [m1.id: .loaded(["deis/router:v1", "deis/controller:v2"]),
                                                                        m2.id: .failed(ProbeError(.failed, "ssh refused"))], version: nil))
        #expect(anyTag.map(\.verdict) == [.error] && anyTag[0].subject == m2.label)
        #expect(F.evaluate(Deis1PreseedRule(), preseedState(images: [:])).map(\.verdict) == [.manual])
        #expect(F.evaluate(Deis1PreseedRule(), F.state(fleet: F.fleet([m1], [F.unit("hello.service", on: m1)]))).map(\.verdict) == [.notApplicable])
    }

    // MARK: DEIS1-REGISTRATION

    @Test("registration", arguments: [
        (EtcdKeyValue.value("enabled"), Verdict.fail, FixIntent.setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: "enabled", to: "admin_only")),
        (.absent, .fail, .setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: nil, to: "admin_only")),
        (.value(""), .fail, .setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: nil, to: "admin_only")),
        (.value("admin_only"), .pass, .setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: "admin_only", to: "disabled")),
        (.value("disabled"), .pass, .setSetting(Deis1Names.setting(forKey: Deis1Names.registrationKey), from: "disabled", to: "admin_only")),
    ])
    func registration(value: EtcdKeyValue, verdict: Verdict, fix: FixIntent) {
        let findings = F.evaluate(Deis1RegistrationRule(), F.state(etcd: F.keys([Deis1Names.registrationKey: value])))
        #expect(findings.map(\.verdict) == [verdict])
        #expect(findings.first?.fix == fix)
        #expect(findings.first?.severity == .critical)
    }

    @Test("registration: keys unreadable (no quorum) is an error; keys not probed says nothing")
    func registrationUnreadable() {
        let state = F.state(etcd: .loaded(EtcdState(members: [F.member(1)], keys: .failed(ProbeError(.unreachable, "etcd key: no quorum")))))
        #expect(F.evaluate(Deis1RegistrationRule(), state).first?.verdict == .error)
        #expect(F.evaluate(Deis1RegistrationRule(), F.state(etcd: F.etcd([F.member(1)], keys: nil))).isEmpty)
    }

    // MARK: DEIS1-LOGGING

    @Test("logging: unset fails, a cluster machine fails, an external host passes")
    func logging() {
        let fleet = F.fleet([m1, m2], [])
        #expect(F.evaluate(Deis1LoggingRule(), F.state(fleet: fleet, etcd: F.keys([:])))[0].verdict == .fail)
        let inCluster = F.evaluate(Deis1LoggingRule(), F.state(fleet: fleet, etcd: F.keys([Deis1Names.logsHostKey: .value("10.0.1.12"), Deis1Names.logsPortKey: .value("514")])))
        #expect(inCluster[0].verdict == .fail && inCluster[0].message.hasPrefix("logs go to 10.0.1.12:514, a machine of this cluster"))
        #expect(F.evaluate(Deis1LoggingRule(), F.state(fleet: fleet, etcd: F.keys([Deis1Names.logsHostKey: .value("127.0.0.1")])))[0].verdict == .fail)
        let external = F.evaluate(Deis1LoggingRule(), F.state(fleet: fleet, etcd: F.keys([Deis1Names.logsHostKey: .value("logs.example.com"), Deis1Names.logsPortKey: .value("6514")])))
        #expect(external[0].verdict == .pass && external[0].message == "logs go to logs.example.com:6514")
    }

    // MARK: DEIS1-TLS

    @Test("TLS: no certificate fails without a fix; a certificate without enforceHTTPS offers the fix; both pass")
    func tls() {
        let none = F.evaluate(Deis1TLSRule(), F.state(etcd: F.keys([:])))
        #expect(none[0].verdict == .fail && none[0].fix == nil && none[0].message.contains("sslCert and sslKey not set"))
        let keyOnly = F.evaluate(Deis1TLSRule(), F.state(etcd: F.keys([Deis1Names.sslKeyKey: .present])))
        #expect(keyOnly[0].message.contains("sslCert not set"))
        let notEnforced = F.evaluate(Deis1TLSRule(), F.state(etcd: F.keys([Deis1Names.sslKeyKey: .present, Deis1Names.sslCertKey: .present,
                                                                           Deis1Names.enforceHTTPSKey: .value("false")])))
        #expect(notEnforced[0].verdict == .fail)
        #expect(notEnforced[0].fix == .setSetting(Deis1Names.setting(forKey: Deis1Names.enforceHTTPSKey), from: "false", to: "true"))
        let enforced = F.evaluate(Deis1TLSRule(), F.state(etcd: F.keys([Deis1Names.sslKeyKey: .present, Deis1Names.sslCertKey: .present,
                                                                        Deis1Names.enforceHTTPSKey: .value("true")])))
        #expect(enforced[0].verdict == .pass)
    }

    // MARK: DEIS1-ROUTER-SCALE

    @Test("router scale: one router fails with a fix scaling the router to the policy's count")
    func routerOne() {
        let findings = F.evaluate(Deis1RouterScaleRule(), F.state(fleet: F.fleet([m1, m2, m3], [F.unit("deis-router@1.service", on: m2)])))
        #expect(findings[0].verdict == .fail)
        #expect(findings[0].fix == .scale(workload: "router", from: 1, to: 2))
        #expect(findings[0].message == "1 active router(s) on 1 machine(s), want at least 2 on different machines")
    }

    @Test("router scale: an idle router is looked at first; one router elsewhere scales to two")
    func routerNextInstance() {
        let units = [F.unit("deis-router@1.service", on: m1), F.unit("deis-router@2.service", on: m2, active: "failed", sub: "failed")]
        let idle = F.evaluate(Deis1RouterScaleRule(), F.state(fleet: F.fleet([m1, m2, m3], units)))
        #expect(idle[0].fix == nil && idle[0].message.contains("deis-router@2.service failed/failed"))
        let gap = F.evaluate(Deis1RouterScaleRule(), F.state(fleet: F.fleet([m1, m2, m3], [F.unit("deis-router@2.service", on: m1)])))
        #expect(gap[0].fix == .scale(workload: "router", from: 1, to: 2))
    }

    @Test("router scale: two active routers on two machines pass; no free machine means no fix")
    func routerPassAndFull() {
        let two = F.state(fleet: F.fleet([m1, m2], [F.unit("deis-router@1.service", on: m1), F.unit("deis-router@2.service", on: m2)]))
        #expect(F.evaluate(Deis1RouterScaleRule(), two).map(\.verdict) == [.pass])
        let mesh = F.machine(1, metadata: ["routerMesh": "true"]), other = F.machine(2, metadata: ["controlPlane": "true"])
        let full = F.evaluate(Deis1RouterScaleRule(), F.state(fleet: F.fleet([mesh, other], [F.unit("deis-router@1.service", on: mesh)])))
        #expect(full[0].verdict == .fail && full[0].fix == nil && full[0].message.contains("every routerMesh machine already runs one"))
        var policy = Policy()
        policy.minRouterReplicas = 3
        let three = F.state(fleet: F.fleet([m1, m2, m3], [F.unit("deis-router@1.service", on: m1), F.unit("deis-router@2.service", on: m2)]))
        #expect(F.evaluate(Deis1RouterScaleRule(), three, policy: policy)[0].fix == .scale(workload: "router", from: 2, to: 3))
    }

    @Test("router scale: routers on shortened machine legends still count per machine")
    func routerShortLegends() {
        let a = FleetUnit(name: "deis-router@1.service", machineID: String(m1.id.prefix(8)) + "...", machineIP: m1.ip, active: "active", sub: "running")
        let b = FleetUnit(name: "deis-router@2.service", machineID: String(m2.id.prefix(8)) + "...", machineIP: m2.ip, active: "active", sub: "running")
        #expect(F.evaluate(Deis1RouterScaleRule(), F.state(fleet: F.fleet([m1, m2], [a, b]))).map(\.verdict) == [.pass])
    }

    // MARK: manual rules

    @Test("firewall is manual and says what to do; backup reads the console's snapshot records")
    func manualRules() {
        let firewall = F.evaluate(Deis1FirewallRule(), F.state(etcd: F.keys([Deis1Names.routerFirewallKey: .value("true")])))
        #expect(firewall.map(\.verdict) == [.manual])
        #expect(firewall[0].message.contains("/deis/router/firewall/enabled) is true"))
        let backup = F.evaluate(Deis1BackupRule(), F.state())
        #expect(backup.map(\.verdict) == [.fail])
        #expect(backup[0].message.hasPrefix("no verified etcd snapshot recorded"))
    }

    // MARK: ETCD-QUORUM

    @Test("quorum: healthy odd membership with one leader passes")
    func quorumPass() {
        let findings = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd([F.member(1), F.member(2), F.member(3)])))
        #expect(findings.map(\.verdict) == [.pass])
        #expect(findings[0].message == "3 members, tolerates 1 failure; 0 down, 1 more failure tolerated; leader infra1")
    }

    @Test("quorum: a down member fails with the sentence and the reason")
    func quorumDown() {
        let findings = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd([F.member(1), F.member(2, health: .down("context deadline exceeded")), F.member(3)])))
        #expect(findings[0].verdict == .fail)
        #expect(findings[0].message == "3 members, tolerates 1 failure; 1 down, 0 more failures tolerated; infra2 down (context deadline exceeded)")
    }

    @Test("quorum: even count, no leader, split leaders, learners, empty, unreadable")
    func quorumProblems() {
        let even = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd((1...4).map { F.member($0) })))
        #expect(even[0].message.contains("an even number of voting members"))
        let noLeader = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd((1...3).map { F.member($0, leader: nil) })))
        #expect(noLeader[0].message.hasSuffix("; no leader"))
        let split = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd([F.member(1), F.member(2, leader: (1 << 60) + 1), F.member(3)])))
        #expect(split[0].message.contains("members disagree on the leader (2 reported)"))
        let learner = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd((1...3).map { F.member($0) } + [F.member(4, learner: true)])))
        #expect(learner[0].message.contains("learner infra4 not promoted"))
        let stranger = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd((1...3).map { F.member($0, leader: 42) })))
        #expect(stranger[0].message.contains("the reported leader is not in the member list"))
        #expect(F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd([])))[0].verdict == .fail)
        #expect(F.evaluate(EtcdQuorumRule(), F.state(etcd: .failed(ProbeError(.timeout, "slow"))))[0].verdict == .error)
        #expect(F.evaluate(EtcdQuorumRule(), F.state()).isEmpty)
    }
}
