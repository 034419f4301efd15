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

    /// RULES.md DEIS1-ETCD-SIZE: on 3–5 machines etcd on every machine is fine (3, 4 or 5 members);
    /// beyond 5 machines, 3 or 5 members.
    @Test("etcd size", arguments: [
        (3, 3, Verdict.pass), (5, 5, .pass), (4, 4, .pass), (3, 4, .pass), (3, 7, .pass), (5, 9, .pass), (7, 7, .fail), (4, 5, .fail),
        (4, 7, .fail), (6, 6, .fail), (1, 1, .fail), (2, 6, .fail),
    ])
    func etcdSize(members: Int, machines: Int, verdict: Verdict) {
        let state = F.state(fleet: F.fleet((1...machines).map { F.machine($0) }, []), etcd: F.etcd((1...members).map { F.member($0) }))
        #expect(F.evaluate(Deis1EtcdSizeRule(), state).map(\.verdict) == [verdict])
    }

    @Test("etcd size: messages, learners not counted, unreadable")
    func etcdSizeMessages() {
        let seven = F.state(fleet: F.fleet((1...7).map { F.machine($0) }, []), etcd: F.etcd((1...7).map { F.member($0) }))
        #expect(F.evaluate(Deis1EtcdSizeRule(), seven)[0].message == "7 full members on 7 machine(s): keep 3 or 5 members and run the other machines as etcd proxies (manual: cloud-config etcd2 settings)")
        let proxies = F.state(fleet: F.fleet((1...7).map { F.machine($0) }, []), etcd: F.etcd((1...3).map { F.member($0) } + [F.member(4, learner: true)]))
        #expect(F.evaluate(Deis1EtcdSizeRule(), proxies)[0].message == "3 members; the other 4 machine(s) should be proxies")
        let four = F.state(fleet: F.fleet((1...4).map { F.machine($0) }, []), etcd: F.etcd((1...4).map { F.member($0) }))
        #expect(F.evaluate(Deis1EtcdSizeRule(), four)[0].message == "etcd on every one of the 4 machines")
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

    /// RULES.md DEIS1-LOGGING: deis-logger publishes its *own* address in /deis/logs/host, so only a
    /// drain (or a forwarder unit) shows logs leave the cluster.
    @Test("logging: /deis/logs/host alone fails; an external drain or a forwarder passes; an in-cluster drain fails")
    func logging() {
        let fleet = F.fleet([m1, m2], [])
        #expect(F.evaluate(Deis1LoggingRule(), F.state(fleet: fleet, etcd: F.keys([:])))[0].verdict == .fail)
        let hostOnly = F.evaluate(Deis1LoggingRule(), F.state(fleet: fleet, etcd: F.keys([Deis1Names.logsHostKey: .value("logs.example.com"), Deis1Names.logsPortKey: .value("514")])))
        #expect(hostOnly[0].verdict == .fail && hostOnly[0].message.contains("deis-logger's own address"))
        let drain = F.evaluate(Deis1LoggingRule(), F.state(fleet: fleet, etcd: F.keys([Deis1Names.logsDrainKey: .value("syslog+tls://logs.example.com:6514")])))
        #expect(drain[0].verdict == .pass && drain[0].message == "logs drain to syslog+tls://logs.example.com:6514")
        let inCluster = F.evaluate(Deis1LoggingRule(), F.state(fleet: fleet, etcd: F.keys([Deis1Names.logsDrainKey: .value("syslog://10.0.1.12:514")])))
        #expect(inCluster[0].verdict == .fail && inCluster[0].message.contains("a machine of this cluster"))
        let forwarder = F.fleet([m1, m2], [F.unit("papertrail.service", on: m1), F.unit("papertrail.service", on: m2)])
        #expect(F.evaluate(Deis1LoggingRule(), F.state(fleet: forwarder, etcd: F.keys([:])))[0].verdict == .pass)
    }

    // MARK: DEIS1-MONITORING

    @Test("monitoring: an agent active on every machine passes; one machine without it, or none at all, fails")
    func monitoring() {
        let everywhere = F.fleet([m1, m2], [F.unit("cadvisor.service", on: m1), F.unit("cadvisor.service", on: m2)])
        #expect(F.evaluate(Deis1MonitoringRule(), F.state(fleet: everywhere)).map(\.verdict) == [.pass])
        let partial = F.fleet([m1, m2], [F.unit("dd-agent.service", on: m1), F.unit("dd-agent.service", on: m2, active: "failed", sub: "failed")])
        let missing = F.evaluate(Deis1MonitoringRule(), F.state(fleet: partial))
        #expect(missing[0].verdict == .fail && missing[0].message.contains(m2.label))
        #expect(F.evaluate(Deis1MonitoringRule(), F.state(fleet: F.fleet([m1], [F.unit("deis-router@1.service", on: m1)])))[0].verdict == .fail)
        #expect(F.evaluate(Deis1MonitoringRule(), F.state(fleet: .failed(ProbeError(.unreachable, "x"))))[0].verdict == .error)
    }

    // MARK: DEIS1-ETCD-PROXY

    @Test("etcd proxy: members need none; a machine outside the member list needs etcd on its localhost")
    func etcdProxy() {
        let m3 = F.machine(3), m4 = F.machine(4)
        // F.member(n) advertises 10.0.1.(10+n): m1 and m2 are members, m3 and m4 are not.
        let etcd = F.etcd([F.member(1), F.member(2)])
        var fleet = FleetState(machines: [m1, m2, m3, m4], units: [])
        fleet.localEtcd = [m3.id: .answers(port: 2379, version: "{\"etcdserver\":\"3.4.23\"}"), m4.id: .silent]
        let findings = F.evaluate(Deis1EtcdProxyRule(), F.state(fleet: .loaded(fleet), etcd: etcd))
        #expect(findings.map(\.verdict) == [.fail] && findings[0].subject == m4.label && findings[0].message.contains("localhost:2379"))
        fleet.localEtcd[m4.id] = .answers(port: 4001, version: "etcd 2.0.13")
        #expect(F.evaluate(Deis1EtcdProxyRule(), F.state(fleet: .loaded(fleet), etcd: etcd)).map(\.verdict) == [.pass])
        fleet.localEtcd[m4.id] = .unreadable("ssh: connection refused")
        #expect(F.evaluate(Deis1EtcdProxyRule(), F.state(fleet: .loaded(fleet), etcd: etcd)).map(\.verdict) == [.error])
        let allMembers = F.state(fleet: F.fleet([m1, m2], []), etcd: etcd)
        #expect(F.evaluate(Deis1EtcdProxyRule(), allMembers)[0].message == "every one of the 2 machine(s) is an etcd member")
    }

    @Test("a machine is a member when a member is named by its machine ID, as CoreOS names etcd2 (ETCD_NAME=%m)")
    func memberByName() {
        let member = EtcdMember(id: 9, name: m1.id, peerURLs: ["http://127.0.0.1:2380"], clientURLs: ["http://127.0.0.1:2379"])
        #expect(MachineEtcdRole.of(m1, in: EtcdState(members: [member])) == .member)
        #expect(MachineEtcdRole.of(m2, in: EtcdState(members: [member])) == .proxy)
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

    @Test("firewall: the router half reads the v2 key and offers deisctl's fix; the host half stays manual")
    func firewall() {
        let on = F.evaluate(Deis1FirewallRule(), F.state(etcd: F.keys([Deis1Names.routerFirewallKey: .value("true")])))
        #expect(on.map(\.verdict) == [.pass, .manual] && on[1].subject == "host firewalls")
        let off = F.evaluate(Deis1FirewallRule(), F.state(etcd: F.keys([:])))
        #expect(off.map(\.verdict) == [.fail, .manual])
        #expect(off[0].fix == .setSetting(Setting(scope: "router", key: "firewall/enabled"), from: nil, to: "true"))
    }

    @Test("placement options: off fails with deisctl's fix; on passes; the machine checks stay beside it")
    func placementOptions() {
        let fleet = F.fleet([F.machine(1, metadata: ["controlPlane": "true"]), F.machine(2, metadata: ["dataPlane": "true"])], [])
        let off = F.evaluate(Deis1PlanesRule(), F.state(fleet: fleet, etcd: F.keys([Deis1Names.placementOptionsKey: .value("false")])))
        #expect(off.map(\.verdict) == [.fail, .pass])
        #expect(off[0].fix == .setSetting(Setting(scope: "platform", key: "enablePlacementOptions"), from: "false", to: "true"))
        let on = F.evaluate(Deis1PlanesRule(), F.state(fleet: fleet, etcd: F.keys([Deis1Names.placementOptionsKey: .value("true")])))
        #expect(on.map(\.verdict) == [.pass, .pass])
    }

    @Test("backup: data backups are recorded, the /deis export is taken; an etcd snapshot counts for neither")
    func backup() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let rule = Deis1BackupRule(now: { now })
        var state = F.state()
        var records = ConsoleRecords()
        records.etcdSnapshots = [EtcdSnapshotRecord(target: "test", path: "/b/s.db", takenAt: now, sizeBytes: 10, verified: true)]
        state.records = .loaded(records)
        let none = F.evaluate(rule, state)
        #expect(none.map(\.verdict) == [.fail, .fail] && none.map(\.subject) == ["platform data", "/deis config"])
        #expect(none[0].fix == .recordBackup(kind: "platform data") && none[1].fix == .exportConfig)
        #expect(none[0].message.contains("s3cmd sync s3://db_wal"))
        records.backups = [BackupRecord(target: "test", kind: "platform data", takenAt: now.addingTimeInterval(-3600), by: "ops", location: "s3://backups", verified: false),
                           BackupRecord(target: "test", kind: "/deis config", takenAt: now.addingTimeInterval(-7200), by: "ops", location: "/b/x.json", path: "/b/x.json", verified: true)]
        state.records = .loaded(records)
        #expect(F.evaluate(rule, state).map(\.verdict) == [.pass, .pass])
        records.backups = records.backups.map { var old = $0; old.takenAt = now.addingTimeInterval(-48 * 3600); return old }
        state.records = .loaded(records)
        #expect(F.evaluate(rule, state).map(\.verdict) == [.fail, .fail])
        records.backups = [BackupRecord(target: "test", kind: "/deis config", takenAt: now, by: "ops", location: "/b/y.json", path: "/b/y.json", verified: false)]
        state.records = .loaded(records)
        #expect(F.evaluate(rule, state)[1].verdict == .fail, "an export that did not read back is no backup")
        #expect(F.evaluate(rule, F.state()).isEmpty, "records not read: nothing said")
    }

    @Test("preseed: /deis/COMPONENT/image overrides the release tag, as get_image does")
    func preseedOverride() {
        let units = [F.unit("deis-router@1.service", on: m1), F.unit("deis-builder.service", on: m1)]
        let images: [String: Loaded<[String]>] = [m1.id: .loaded(["deis/builder:v1.13.4", "registry.local/router:v1.13.4-fix"])]
        let keys = F.keys([Deis1Names.platformVersionKey: .value("v1.13.4"), "/deis/router/image": .value("registry.local/router:v1.13.4-fix")])
        #expect(F.evaluate(Deis1PreseedRule(), F.state(fleet: F.fleet([m1], units, images: images), etcd: keys)).map(\.verdict) == [.pass])
        let plain = F.keys([Deis1Names.platformVersionKey: .value("v1.13.4")])
        let failing = F.evaluate(Deis1PreseedRule(), F.state(fleet: F.fleet([m1], units, images: images), etcd: plain))
        #expect(failing.map(\.verdict) == [.fail] && failing[0].message.contains("deis/router:v1.13.4"))
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
        #expect(findings[0].verdict == .fail && findings[0].severity == .warning, "quorum holds: a warning (RULES.md ETCD-QUORUM)")
        #expect(findings[0].message == "3 members, tolerates 1 failure; 1 down, 0 more failures tolerated; infra2 down (context deadline exceeded)")
        let lost = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd([F.member(1), F.member(2, health: .down("x")), F.member(3, health: .down("y"))])))
        #expect(lost[0].severity == .critical && lost[0].message.contains("quorum lost"))
    }

    @Test("quorum: even count, no leader, split leaders, learners, empty, unreadable")
    func quorumProblems() {
        let even = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd((1...4).map { F.member($0) })))
        #expect(even[0].message.contains("an even number of voting members") && even[0].severity == .warning)
        // Deis v1 with etcd on every one of 4 machines: DEIS1-ETCD-SIZE accepts it, so ETCD-QUORUM does too.
        let deis = EtcdQuorumRule(acceptsEvenCount: Deis1EtcdSizing.evenCountAcceptance)
        let onEvery = F.state(fleet: F.fleet((1...4).map { F.machine($0) }, []), etcd: F.etcd((1...4).map { F.member($0) }))
        #expect(F.evaluate(deis, onEvery).map(\.verdict) == [.pass])
        #expect(F.evaluate(deis, onEvery)[0].message.contains("accepted: etcd on every one of the 4 machines"))
        let onSome = F.state(fleet: F.fleet((1...6).map { F.machine($0) }, []), etcd: F.etcd((1...4).map { F.member($0) }))
        #expect(F.evaluate(deis, onSome).map(\.verdict) == [.fail])
        let noLeader = F.evaluate(EtcdQuorumRule(), F.state(etcd: F.etcd((1...3).map { F.member($0, leader: nil) })))
        #expect(noLeader[0].message.hasSuffix("; no leader") && noLeader[0].severity == .critical)
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
