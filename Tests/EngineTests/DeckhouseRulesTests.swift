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

/// Each DH-* rule on plain values: a healthy cluster passes, each broken thing fails with
/// a message an operator can act on, and unreadable data is an error, never a pass.
@Suite struct DeckhouseRulesTests {
    typealias F = DeckhouseFixtures

    @Test func everyRuleIsInTheCatalogueOnce() {
        let ids = DeckhouseRuleList.ids
        #expect(ids == ["DH-RELEASE-CHANNEL", "DH-UPDATE-WINDOWS", "DH-WINDOWS-OVERLAP", "DH-RELEASE-AGE", "DH-K8S-VERSION",
                        "DH-MASTERS", "DH-NODE-RESOURCES", "DH-FRONTEND", "DH-MONITORING-NODES", "DH-SYSTEM-NODES",
                        "DH-STORAGECLASS", "DH-ALERTS", "DH-ETCD-BACKUP", "DH-DR-PLAN"])
        #expect(DeckhouseRuleList.all().allSatisfy { $0.info.platforms == [.deckhouse] && $0.info.seed.hasPrefix("004") })
    }

    @Test func healthyClusterPassesEveryDecidableRule() {
        let rules = DeckhouseRuleList.all(now: { F.now })
        let findings = RuleEngine(rules: rules).evaluate(F.state(F.deckhouse()))
        let notPassing = findings.filter { $0.verdict != .pass }.map { "\($0.rule.id) \($0.verdict.rawValue)" }
        #expect(Set(notPassing) == ["DH-WINDOWS-OVERLAP n/a", "DH-MONITORING-NODES n/a", "DH-DR-PLAN manual"])
    }

    @Test func releaseChannel() throws {
        let rule = DeckhouseReleaseChannelRule()
        #expect(F.verdicts(rule, F.deckhouse(settings: F.settings(channel: "EarlyAccess"))) == [.pass])
        let alpha = try #require(F.findings(rule, F.deckhouse(settings: F.settings(channel: "Alpha"))).first)
        #expect(alpha.verdict == .fail && alpha.message.contains("Alpha"))
        #expect(alpha.fix == .setSetting(DeckhouseSetting.releaseChannel, from: "Alpha", to: "Stable"))
        let none = try #require(F.findings(rule, F.deckhouse(settings: F.settings(channel: nil))).first)
        #expect(none.verdict == .fail && none.fix == .setSetting(DeckhouseSetting.releaseChannel, from: nil, to: "Stable"))
        var policy = Policy()
        policy.deckhouseReleaseChannels = ["RockSolid"]
        #expect(F.verdicts(rule, F.deckhouse(), policy: policy) == [.fail])
    }

    @Test func updateWindows() throws {
        let rule = DeckhouseUpdateWindowsRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass])
        #expect(F.verdicts(rule, F.deckhouse(settings: F.settings(mode: "Manual", windows: []))) == [.pass])
        let bare = try #require(F.findings(rule, F.deckhouse(settings: F.settings(mode: nil, windows: []))).first)
        #expect(bare.verdict == .fail && bare.message.contains("AutoPatch (default)"))
        #expect(bare.fix == .addUpdateWindow(window: Policy.default.deckhouseProposedWindow, existing: []))
        let broken = try #require(F.findings(rule, F.deckhouse(settings: F.settings(windows: [UpdateWindowSpec(from: "25:00", to: "2:00")]))).first)
        #expect(broken.verdict == .fail && broken.message.contains("\"25:00\" is not a time of day") && broken.fix == nil)
    }

    func peer(_ name: String, channel: String?, mode: String = "Auto", windows: [UpdateWindowSpec]) -> DeckhousePeer {
        DeckhousePeer(name: name, settings: F.settings(channel: channel, mode: mode, windows: windows))
    }

    @Test func windowsOverlapAcrossClusters() throws {
        let rule = DeckhouseWindowsOverlapRule()
        let satEarly = [UpdateWindowSpec(from: "1:00", to: "5:00", days: ["Sat"])]
        let satLate = [UpdateWindowSpec(from: "3:00", to: "6:00", days: ["Sat", "Sun"])]
        let sunday = [UpdateWindowSpec(from: "1:00", to: "5:00", days: ["Sun"])]
        var mine = F.deckhouse(settings: F.settings(channel: "Stable", windows: satEarly))

        #expect(F.verdicts(rule, mine) == [.notApplicable], "one cluster: nothing to compare")
        mine.peers = [peer("south", channel: "Stable", windows: satLate)]
        let clash = try #require(F.findings(rule, mine).first)
        #expect(clash.verdict == .fail && clash.message.contains("south (Sat 03:00–05:00)"))
        mine.peers = [peer("south", channel: "EarlyAccess", windows: satLate)]
        let other = try #require(F.findings(rule, mine).first)
        #expect(other.verdict == .pass && other.message.contains("south on EarlyAccess"))
        mine.peers = [peer("south", channel: "Stable", windows: sunday)]
        #expect(F.verdicts(rule, mine) == [.pass])
        mine.peers = [peer("south", channel: "Stable", mode: "Manual", windows: satLate)]
        #expect(F.verdicts(rule, mine) == [.pass], "a Manual cluster installs nothing on its own")
        mine.peers = [peer("south", channel: "Stable", windows: [])]
        #expect(F.verdicts(rule, mine) == [.fail], "no windows means any time, which overlaps everything")
        mine.peers = [DeckhousePeer(name: "gone", settings: nil)]
        #expect(try #require(F.findings(rule, mine).first).message.contains("could not compare with gone"))
    }

    @Test func releaseAge() throws {
        let rule = DeckhouseReleaseAgeRule(now: { F.now })
        #expect(F.verdicts(rule, F.deckhouse(deployedDaysAgo: 30)) == [.pass])
        let old = try #require(F.findings(rule, F.deckhouse(deployedDaysAgo: 200)).first)
        #expect(old.verdict == .fail && old.message.contains("200 days ago"))
        var none = F.deckhouse()
        none.releases = .loaded([])
        #expect(F.verdicts(rule, none) == [.manual])
        none.releases = .loaded([DeckhouseRelease(name: "v1", version: "v1", phase: "Pending", since: nil)])
        #expect(F.verdicts(rule, none) == [.fail])
    }

    @Test func kubernetesVersion() {
        let rule = DeckhouseKubernetesVersionRule()
        #expect(F.verdicts(rule, F.deckhouse(version: "Automatic")) == [.pass])
        #expect(F.verdicts(rule, F.deckhouse(version: "1.30")) == [.pass])
        #expect(F.verdicts(rule, F.deckhouse(version: "1.23")) == [.fail])
        #expect(F.verdicts(rule, F.deckhouse(version: nil)) == [.manual])
        var forbidden = F.deckhouse()
        forbidden.kubernetesVersion = .failed(ProbeError(.forbidden, "ClusterConfiguration: access denied"))
        #expect(F.verdicts(rule, forbidden) == [.error])
    }

    @Test func masters() throws {
        let rule = DeckhouseMastersRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass])
        let two = F.healthyNodes.filter { $0.name != "master-2" }
        let finding = try #require(F.findings(rule, F.deckhouse(nodes: two)).first)
        #expect(finding.verdict == .fail && finding.message.contains("even number"))
        let five = F.healthyNodes + [F.node("master-3", [.master]), F.node("master-4", [.master])]
        #expect(F.verdicts(rule, F.deckhouse(nodes: five)) == [.fail])
    }

    @Test func nodeResourcesDependOnMonitoringNodes() throws {
        let rule = DeckhouseNodeResourcesRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass])
        let small = F.healthyNodes.filter { !$0.has(.system) } + (0..<2).map { F.node("system-\($0)", [.system], cpu: 2, memoryGB: 4.1, diskGB: 52) }
        let findings = F.findings(rule, F.deckhouse(nodes: small))
        #expect(findings.map(\.subject) == ["system-0", "system-1"])
        #expect(findings[0].message.contains("2 CPU < 4") && findings[0].message.contains("no monitoring nodes"))
        // With dedicated monitoring nodes the same system nodes are big enough.
        let monitored = small + (0..<2).map { F.node("monitoring-\($0)", [.monitoring], diskGB: 52) }
        #expect(F.verdicts(rule, F.deckhouse(nodes: monitored)) == [.pass])
        // Unknown capacity is not held against a node; no infrastructure roles at all is n/a.
        let unknown = [DeckhouseNode(name: "m", roles: [.master], cpuMillis: nil, memoryBytes: nil, diskBytes: nil)]
        #expect(F.verdicts(rule, F.deckhouse(nodes: unknown)) == [.pass])
        #expect(F.verdicts(rule, F.deckhouse(nodes: [F.node("w", [])])) == [.notApplicable])
    }

    @Test func frontend() throws {
        let rule = DeckhouseFrontendRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass, .pass])
        let one = F.healthyNodes.filter { $0.name != "front-1" }
        let findings = F.findings(rule, F.deckhouse(nodes: one, inlet: "HostWithFailover"))
        #expect(findings.map(\.verdict) == [.fail, .fail])
        #expect(findings[1].subject == "ingressnginxcontroller/main" && findings[1].message.contains("not recommended for production"))
        #expect(F.verdicts(rule, F.deckhouse(inlet: "LoadBalancer")) == [.pass, .pass])
        #expect(F.verdicts(rule, F.deckhouse(inlet: "HostNetwork")) == [.pass, .manual])
        var none = F.deckhouse()
        none.ingressControllers = .loaded([])
        #expect(F.verdicts(rule, none) == [.pass, .manual])
    }

    @Test func monitoringNodes() {
        let rule = DeckhouseMonitoringNodesRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.notApplicable])
        var highLoad = Policy()
        highLoad.deckhouseHighLoad = true
        #expect(F.verdicts(rule, F.deckhouse(), policy: highLoad) == [.fail])
        let one = F.healthyNodes + [F.node("mon-0", [.monitoring])]
        #expect(F.verdicts(rule, F.deckhouse(nodes: one)) == [.fail])
        #expect(F.verdicts(rule, F.deckhouse(nodes: one + [F.node("mon-1", [.monitoring])])) == [.pass])
    }

    @Test func systemNodes() {
        let rule = DeckhouseSystemNodesRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass])
        #expect(F.verdicts(rule, F.deckhouse(nodes: F.healthyNodes.filter { $0.name != "system-1" })) == [.fail])
    }

    @Test func storageClassAlertsBackupsAndDrill() throws {
        #expect(F.verdicts(DeckhouseStorageClassRule(), F.deckhouse(storageClass: nil)) == [.fail])
        #expect(F.verdicts(DeckhouseAlertsRule(), F.deckhouse(receivers: 0)) == [.fail])
        var empty = F.deckhouse()
        empty.alertmanagers = .loaded([])
        #expect(try #require(F.findings(DeckhouseAlertsRule(), empty).first).message.contains("no CustomAlertmanager objects"))
        let backups = DeckhouseEtcdBackupRule(now: { F.now })
        #expect(F.verdicts(backups, F.deckhouse(backupHoursAgo: 5)) == [.pass])
        #expect(F.verdicts(backups, F.deckhouse(backupHoursAgo: 72)) == [.fail])
        #expect(F.verdicts(backups, F.deckhouse(backupHoursAgo: nil)) == [.fail])
        #expect(F.verdicts(DeckhouseRecoveryPlanRule(), F.deckhouse()) == [.manual])
    }

    @Test func unreadableSectionsAreErrorsAndOtherPlatformsAreSilent() {
        var broken = F.deckhouse()
        broken.settings = .failed(ProbeError(.forbidden, "ModuleConfig deckhouse: access denied"))
        broken.nodes = .failed(ProbeError(.timeout, "nodes: no answer"))
        for rule in [DeckhouseReleaseChannelRule(), DeckhouseUpdateWindowsRule(), DeckhouseWindowsOverlapRule()] as [any Rule] {
            #expect(F.verdicts(rule, broken) == [.error])
        }
        #expect(F.verdicts(DeckhouseMastersRule(), broken) == [.error])
        let workflow = ClusterState(target: StateBuilders.target)
        #expect(DeckhouseRuleList.all().allSatisfy { $0.evaluate(workflow, policy: .default).isEmpty })
    }
}
