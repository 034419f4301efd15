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
/// a message an operator can act on, and unreadable data is an error, never a pass. Every
/// test quotes the sentence of the Deckhouse guide (seed 004) it encodes, checked against the
/// guide's own line.
@Suite struct DeckhouseRulesTests {
    typealias F = DeckhouseFixtures
    typealias Q = GuideQuote

    @Test func everyRuleIsInTheCatalogueOnce() {
        let ids = DeckhouseRuleList.ids
        #expect(ids == ["DH-RELEASE-CHANNEL", "DH-UPDATE-WINDOWS", "DH-WINDOWS-OVERLAP", "DH-RELEASE-AGE", "DH-K8S-VERSION",
                        "DH-MASTERS", "DH-NODE-RESOURCES", "DH-FRONTEND", "DH-FRONTEND-CAPACITY", "DH-MONITORING-NODES", "DH-SYSTEM-NODES",
                        "DH-STORAGECLASS", "DH-CLUSTER-TOTALS", "DH-MONITORING-STORAGE", "DH-PV-NODESELECTOR", "DH-RELEASE-APPROVAL",
                        "DH-CHANNEL-ORDER", "DH-ALERTS", "DH-ETCD-BACKUP", "DH-BACKUP-OFFSITE", "DH-DR-PLAN"])
        #expect(DeckhouseRuleList.all().allSatisfy { $0.info.platforms == [.deckhouse] && $0.info.seed.hasPrefix("004") })
    }

    @Test func healthyClusterPassesEveryDecidableRule() {
        let rules = DeckhouseRuleList.all(now: { F.now })
        let findings = RuleEngine(rules: rules).evaluate(F.state(F.deckhouse()))
        let notPassing = findings.filter { $0.verdict != .pass }.map { "\($0.rule.id) \($0.verdict.rawValue)" }
        #expect(Set(notPassing) == ["DH-WINDOWS-OVERLAP n/a", "DH-MONITORING-NODES n/a", "DH-PV-NODESELECTOR n/a", "DH-RELEASE-APPROVAL n/a",
                                    "DH-CHANNEL-ORDER n/a", "DH-DR-PLAN manual", "DH-BACKUP-OFFSITE manual"])
    }

    @Test func releaseChannel() throws {
        Q.deckhouse(14, "Use `Early Access` or `Stable` release channel.").verify()
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
        Q.deckhouse(15, "Configure the [auto-update window]").verify()
        let rule = DeckhouseUpdateWindowsRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass])
        #expect(F.verdicts(rule, F.deckhouse(settings: F.settings(mode: "Manual", windows: []))) == [.pass])
        let bare = try #require(F.findings(rule, F.deckhouse(settings: F.settings(mode: nil, windows: []))).first)
        #expect(bare.verdict == .fail && bare.message.contains("AutoPatch (default)"))
        #expect(bare.fix == .addUpdateWindow(window: Policy.default.deckhouseProposedWindow, existing: []))
        let broken = try #require(F.findings(rule, F.deckhouse(settings: F.settings(windows: [UpdateWindowSpec(from: "25:00", to: "2:00")]))).first)
        #expect(broken.verdict == .fail && broken.message.contains("\"25:00\" is not a time of day") && broken.fix == nil)
    }

    func peer(_ name: String, channel: String?, mode: String = "Auto", windows: [UpdateWindowSpec], labels: [String: String] = [:]) -> DeckhousePeer {
        DeckhousePeer(name: name, settings: F.settings(channel: channel, mode: mode, windows: windows), labels: labels)
    }

    @Test func windowsOverlapAcrossClusters() throws {
        Q.deckhouse(27, "If you can't use separate release channels, we recommend setting update windows so that they don't overlap.").verify()
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

    @Test func channelOrderAcrossTheEstatesEnvLabels() throws {
        Q.deckhouse(22, "For a development cluster, you may want to use a less stable release channel than for a testing or stage (pre-production) cluster.").verify()
        let rule = DeckhouseChannelOrderRule()
        func verdict(_ env: String?, _ channel: String, peers: [DeckhousePeer]) -> Finding? {
            var deckhouse = F.deckhouse(settings: F.settings(channel: channel))
            deckhouse.peers = peers
            return rule.evaluate(F.state(deckhouse, labels: env.map { ["env": $0] } ?? [:]), policy: .default).first
        }
        let prodStable = peer("prod-1", channel: "Stable", windows: [], labels: ["env": "prod"])
        let stageEA = peer("stage-1", channel: "EarlyAccess", windows: [], labels: ["env": "staging"])
        #expect(verdict("dev", "Alpha", peers: [stageEA, prodStable])?.verdict == .pass)
        let wrong = try #require(verdict("dev", "Stable", peers: [stageEA, prodStable]))
        #expect(wrong.verdict == .fail && wrong.message.contains("stage-1 (stage, EarlyAccess)") && wrong.message.contains("prod-1 (prod, Stable)"))
        // The same pair seen from the production side fails too: both must move for it to pass.
        #expect(verdict("prod", "EarlyAccess", peers: [stageEA])?.verdict == .fail)
        #expect(verdict("production", "RockSolid", peers: [stageEA])?.verdict == .pass, "production spelled out is prod")
        // Not applicable: no env label, an unknown tier, no peer of another tier.
        #expect(verdict(nil, "Stable", peers: [stageEA])?.verdict == .notApplicable)
        #expect(verdict("sandbox", "Stable", peers: [stageEA])?.verdict == .notApplicable)
        #expect(verdict("dev", "Alpha", peers: [peer("dev-2", channel: "Alpha", windows: [], labels: ["env": "dev"])])?.verdict == .notApplicable)
        let unread = DeckhousePeer(name: "lost", settings: nil, labels: ["env": "prod"])
        #expect(verdict("dev", "Alpha", peers: [unread])?.verdict == .notApplicable)
        var broken = F.deckhouse()
        broken.settings = .failed(ProbeError(.forbidden, "ModuleConfig deckhouse: access denied"))
        #expect(F.verdicts(rule, broken) == [.error])
    }

    @Test func releaseAge() throws {
        Q.deckhouse(32, "If you are using a Deckhouse release in your cluster that hasn't been updated in over six months,").verify()
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

    @Test func releaseApprovalInManualAndAutoPatchModes() throws {
        Q.deckhouse(15, "or select [manual mode](/modules/deckhouse/usage.html#manual-update-confirmation).").verify()
        let rule = DeckhouseReleaseApprovalRule(now: { F.now })
        func findings(_ mode: String?, _ releases: [DeckhouseRelease]) -> [Finding] {
            var deckhouse = F.deckhouse(settings: F.settings(mode: mode))
            deckhouse.releases = .loaded(releases)
            return F.findings(rule, deckhouse)
        }
        let deployed = F.release("v1.68.2", "Deployed", daysAgo: 40, approved: true)
        let minor = F.release("v1.69.0", "Pending", daysAgo: 20), patch = F.release("v1.68.3", "Pending", daysAgo: 20)
        #expect(findings("Auto", [deployed, minor]).map(\.verdict) == [.notApplicable])
        // Manual: every pending release waits; the stale one fails with the approve fix.
        let manual = findings("Manual", [deployed, minor, F.release("v1.68.4", "Pending", daysAgo: 2)])
        #expect(manual.map(\.subject) == ["deckhouserelease/v1.69.0", "deckhouserelease/v1.68.4"])
        #expect(manual.map(\.verdict) == [.fail, .pass])
        #expect(manual[0].fix == .approveRelease(name: "v1.69.0", version: "v1.69.0") && manual[0].message.contains("waited 20 day(s)"))
        // AutoPatch (the default when unset): only a new minor waits for an operator.
        let autoPatch = findings(nil, [deployed, minor, patch])
        #expect(autoPatch.map(\.subject) == ["deckhouserelease/v1.69.0"] && autoPatch[0].verdict == .fail)
        // Approved and waiting for its window: nothing to do.
        var approved = minor
        approved.approved = true
        let waiting = findings("Manual", [deployed, approved])
        #expect(waiting.map(\.verdict) == [.pass] && waiting[0].message.contains("installs in the next update window, Sat 01:00 UTC"))
        #expect(findings("Manual", [deployed]).map(\.verdict) == [.pass])
        var policy = Policy()
        policy.deckhouseReleaseApprovalMaxAgeDays = 30
        var deckhouse = F.deckhouse(settings: F.settings(mode: "Manual"))
        deckhouse.releases = .loaded([deployed, minor])
        #expect(F.verdicts(rule, deckhouse, policy: policy) == [.pass])
        deckhouse.releases = .failed(ProbeError(.forbidden, "DeckhouseReleases: access denied"))
        #expect(F.verdicts(rule, deckhouse) == [.error])
        #expect(FixIntent.approveRelease(name: "v1.69.0", version: "v1.69.0").inverse == .withdrawReleaseApproval(name: "v1.69.0", version: "v1.69.0"))
    }

    @Test func kubernetesVersionAgainstTheReleasesRequirements() throws {
        Q.deckhouse(42, "Use the automatic [Kubernetes version selection]").verify()
        Q.deckhouse(52, "Deckhouse may refuse to upgrade to a newer version at some point if the Kubernetes version used in the cluster is no longer supported.").verify()
        let rule = DeckhouseKubernetesVersionRule()
        #expect(F.verdicts(rule, F.deckhouse(version: "Automatic")) == [.pass])
        // The deployed release requires ≥ 1.28 (the fixtures' default).
        let pinned = try #require(F.findings(rule, F.deckhouse(version: "1.30")).first)
        #expect(pinned.verdict == .pass && pinned.message.contains("≥ 1.28, v1.68.0"))
        let tooOld = try #require(F.findings(rule, F.deckhouse(version: "1.27")).first)
        #expect(tooOld.verdict == .fail && tooOld.message.contains("below what the deployed release v1.68.0 requires (≥ 1.28)"))
        // A pending release that needs more blocks the update.
        var pending = F.deckhouse(version: "1.29")
        pending.releases = .loaded((pending.releases.value ?? []) + [F.release("v1.70.0", "Pending", daysAgo: 1, k8s: "1.30")])
        let blocked = try #require(F.findings(rule, pending).first)
        #expect(blocked.verdict == .fail && blocked.message.contains("v1.70.0 needs ≥ 1.30"))
        // No release states a requirement: shipshape keeps no list of its own.
        var silent = F.deckhouse(version: "1.30")
        silent.releases = .loaded([F.release("v1.68.0", "Deployed", daysAgo: 3)])
        #expect(F.verdicts(rule, silent) == [.manual])
        #expect(F.verdicts(rule, F.deckhouse(version: "latest")) == [.fail])
        #expect(F.verdicts(rule, F.deckhouse(version: nil)) == [.manual])
        var forbidden = F.deckhouse()
        forbidden.kubernetesVersion = .failed(ProbeError(.forbidden, "ClusterConfiguration: access denied"))
        #expect(F.verdicts(rule, forbidden) == [.error])
        var noReleases = F.deckhouse(version: "1.30")
        noReleases.releases = .failed(ProbeError(.forbidden, "DeckhouseReleases: access denied"))
        #expect(F.verdicts(rule, noReleases) == [.error])
    }

    @Test func masters() throws {
        Q.deckhouse(93, "Always use three master nodes to ensure fault tolerance and safe updates.").verify()
        let rule = DeckhouseMastersRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass])
        let two = F.healthyNodes.filter { $0.name != "master-2" }
        let finding = try #require(F.findings(rule, F.deckhouse(nodes: two)).first)
        #expect(finding.verdict == .fail && finding.message.contains("even number"))
        let five = F.healthyNodes + [F.node("master-3", [.master]), F.node("master-4", [.master])]
        #expect(F.verdicts(rule, F.deckhouse(nodes: five)) == [.fail])
    }

    @Test func nodeResourcesDependOnMonitoringNodes() throws {
        Q.deckhouse(67, "**Master node**: 4 CPU, 8 GB RAM, 60 GB of disk space on a fast disk (400+ IOPS)").verify()
        Q.deckhouse(72, "4 CPU, 8 GB RAM, 60 GB of disk space on a fast disk (400+ IOPS) — if there are no dedicated monitoring nodes in the cluster.").verify()
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

    @Test func clusterTotals() throws {
        Q.deckhouse(79, "Such a configuration requires **at least 24 CPUs and 48 GB of RAM**").verify()
        Q.deckhouse(81, "Such a configuration requires **at least 28 CPUs and 64 GB of RAM**").verify()
        let rule = DeckhouseClusterTotalsRule()
        let pass = try #require(F.findings(rule, F.deckhouse()).first)
        #expect(pass.verdict == .pass && pass.message.hasPrefix("7 infrastructure node(s) have 24 CPU / 49.9 GB: enough for a regular cluster"))
        // Workers do not count: only the infrastructure roles.
        let short = F.healthyNodes.filter { $0.name != "system-1" } + [F.node("worker-1", [], cpu: 16, memoryGB: 64)]
        let fail = try #require(F.findings(rule, F.deckhouse(nodes: short)).first)
        #expect(fail.verdict == .fail && fail.message.contains("20 CPU") && fail.message.contains("needs at least 24 CPU / 48 GB"))
        // Monitoring nodes make it a high-load cluster: 28 / 64.
        let highLoad = F.healthyNodes + (0..<2).map { F.node("mon-\($0)", [.monitoring], cpu: 2, memoryGB: 6) }
        let big = try #require(F.findings(rule, F.deckhouse(nodes: highLoad)).first)
        #expect(big.verdict == .fail && big.message.contains("28 CPU / 61.9 GB: a high-load cluster (dedicated monitoring nodes) needs at least 28 CPU / 64 GB"))
        var policy = Policy()
        policy.deckhouseHighLoad = true
        #expect(F.verdicts(rule, F.deckhouse(), policy: policy) == [.fail], "the policy can call a cluster high-load")
        let unknown = [DeckhouseNode(name: "m", roles: [.master], cpuMillis: nil, memoryBytes: nil, diskBytes: nil)]
        #expect(F.verdicts(rule, F.deckhouse(nodes: unknown)) == [.manual])
        #expect(F.verdicts(rule, F.deckhouse(nodes: [F.node("w", [])])) == [.notApplicable])
    }

    @Test func frontendInletsAreOnlyTheOnesTheGuideNames() throws {
        Q.deckhouse(103, "Use two or more frontend nodes.").verify()
        Q.deckhouse(105, "Use the `HostPort` inlet with an external load balancer.").verify()
        Q.deckhouse(131, "it is **not recommended for production**.").verify()
        let rule = DeckhouseFrontendRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass, .pass])
        #expect(F.verdicts(rule, F.deckhouse(inlet: "HostPortWithProxyProtocol")) == [.pass, .pass])
        let one = F.healthyNodes.filter { $0.name != "front-1" }
        let findings = F.findings(rule, F.deckhouse(nodes: one, inlet: "HostWithFailover"))
        #expect(findings.map(\.verdict) == [.fail, .fail])
        #expect(findings[1].subject == "ingressnginxcontroller/main" && findings[1].message.contains("not recommended for production"))
        // Other inlets are not judged by the guide: a manual finding, never a pass.
        for inlet in ["LoadBalancer", "LoadBalancerWithProxyProtocol", "HostPortWithSSLPassthrough", "HostNetwork"] {
            #expect(F.verdicts(rule, F.deckhouse(inlet: inlet)) == [.pass, .manual], "\(inlet)")
        }
        var none = F.deckhouse()
        none.ingressControllers = .loaded([])
        #expect(F.verdicts(rule, none) == [.pass, .manual])
        none.ingressControllers = .failed(ProbeError(.forbidden, "IngressNginxControllers: access denied"))
        #expect(F.verdicts(rule, none) == [.pass, .error])
    }

    @Test func frontendCapacityCarriesTheLoadWhenOneFails() throws {
        Q.deckhouse(117, "each of them must be able to handle the entire cluster load in case the second frontend node fails.").verify()
        Q.deckhouse(119, "each of them must be able to handle a load that is at least one and a half times higher.").verify()
        let rule = DeckhouseFrontendCapacityRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass])
        // Two frontends of 2 CPU: each must carry both pods' requests.
        let heavy = (0..<2).map { F.ingressPod("c-\($0)", on: "front-\($0)", cpu: 1200, memoryMiB: 1024) }
        let fail = try #require(F.findings(rule, F.deckhouse(ingressPods: heavy)).first)
        #expect(fail.verdict == .fail && fail.message.contains("2400m CPU / 2.0 GiB on the one that remains"))
        #expect(fail.message.contains("front-0 (2 CPU / ") && fail.message.contains("front-1"))
        // Three frontends: each needs half the load (1.5 × its own share).
        let three = F.healthyNodes + [F.node("front-2", [.frontend], cpu: 2, memoryGB: 4.2, diskGB: 52)]
        let threePods = (0..<3).map { F.ingressPod("c-\($0)", on: "front-\($0)", cpu: 1200, memoryMiB: 1024) }
        let ok = try #require(F.findings(rule, F.deckhouse(nodes: three, ingressPods: threePods)).first)
        #expect(ok.verdict == .pass && ok.message.contains("1800m CPU / 1.5 GiB on each of the 2 that remain"))
        // No figures: manual. One frontend: n/a. Unreadable pods: error.
        #expect(F.verdicts(rule, F.deckhouse(ingressPods: [F.ingressPod("c", on: "front-0", cpu: nil, memoryMiB: nil)])) == [.manual])
        #expect(F.verdicts(rule, F.deckhouse(ingressPods: [])) == [.manual])
        #expect(F.verdicts(rule, F.deckhouse(nodes: F.healthyNodes.filter { $0.name != "front-1" })) == [.notApplicable])
        var broken = F.deckhouse()
        broken.ingressPods = .failed(ProbeError(.forbidden, "pods: access denied"))
        #expect(F.verdicts(rule, broken) == [.error])
    }

    @Test func monitoringNodes() {
        Q.deckhouse(139, "For high-load clusters, use two monitoring nodes equipped with fast disks.").verify()
        let rule = DeckhouseMonitoringNodesRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.notApplicable])
        var highLoad = Policy()
        highLoad.deckhouseHighLoad = true
        #expect(F.verdicts(rule, F.deckhouse(), policy: highLoad) == [.fail])
        let one = F.healthyNodes + [F.node("mon-0", [.monitoring])]
        #expect(F.verdicts(rule, F.deckhouse(nodes: one)) == [.fail])
        #expect(F.verdicts(rule, F.deckhouse(nodes: one + [F.node("mon-1", [.monitoring])])) == [.pass])
    }

    @Test func monitoringStorage() throws {
        Q.deckhouse(150, "You can do so by providing a dedicated `storageClass` on fast disks for all Deckhouse components").verify()
        Q.deckhouse(152, "parameters of the `prometheus` module).").verify()
        let rule = DeckhouseMonitoringStorageRule()
        #expect(try #require(F.findings(rule, F.deckhouse()).first).message.contains("global storage class ceph-ssd"))
        let own = F.deckhouse(storageClass: nil, modules: [DeckhouseModuleSettings(name: "prometheus", longtermStorageClass: "fast")])
        #expect(try #require(F.findings(rule, own).first).message == "the prometheus module sets longtermStorageClass fast")
        let none = try #require(F.findings(rule, F.deckhouse(storageClass: nil)).first)
        #expect(none.verdict == .fail && none.message.contains("longtermStorageClass"))
        #expect(F.verdicts(rule, F.deckhouse(storageClass: nil, modules: [DeckhouseModuleSettings(name: "prometheus", enabled: false)])) == [.notApplicable])
        var broken = F.deckhouse()
        broken.moduleSettings = .failed(ProbeError(.forbidden, "ModuleConfigs: access denied"))
        #expect(F.verdicts(rule, broken) == [.error])
    }

    @Test func persistentModulesNameTheirNodes() throws {
        Q.deckhouse(155, "we recommend that you explicitly specify the corresponding nodeSelector in the configuration of modules using persistent storage volumes.").verify()
        let rule = DeckhousePVNodeSelectorRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.notApplicable], "no dedicated monitoring nodes")
        let monitored = F.healthyNodes + (0..<2).map { F.node("mon-\($0)", [.monitoring]) }
        // prometheus runs in every bundle: without a ModuleConfig it has no nodeSelector.
        let bare = F.findings(rule, F.deckhouse(nodes: monitored))
        #expect(bare.map(\.subject) == ["mc/prometheus"] && bare[0].verdict == .fail)
        let modules = [DeckhouseModuleSettings(name: "prometheus", nodeSelector: ["node-role.deckhouse.io/monitoring"]),
                       DeckhouseModuleSettings(name: "upmeter", enabled: true), DeckhouseModuleSettings(name: "loki", enabled: false)]
        let checked = F.findings(rule, F.deckhouse(nodes: monitored, modules: modules))
        #expect(checked.map(\.subject) == ["mc/prometheus", "mc/upmeter"] && checked.map(\.verdict) == [.pass, .fail])
        let off = [DeckhouseModuleSettings(name: "prometheus", enabled: false)]
        #expect(F.verdicts(rule, F.deckhouse(nodes: monitored, modules: off)) == [.notApplicable])
        var broken = F.deckhouse(nodes: monitored)
        broken.moduleSettings = .failed(ProbeError(.forbidden, "ModuleConfigs: access denied"))
        #expect(F.verdicts(rule, broken) == [.error])
    }

    @Test func systemNodes() {
        Q.deckhouse(161, "Use two system nodes.").verify()
        let rule = DeckhouseSystemNodesRule()
        #expect(F.verdicts(rule, F.deckhouse()) == [.pass])
        #expect(F.verdicts(rule, F.deckhouse(nodes: F.healthyNodes.filter { $0.name != "system-1" })) == [.fail])
    }

    @Test func storageClassAndAlerts() throws {
        Q.deckhouse(82, "We recommend setting up a dedicated [storageClass]").verify()
        Q.deckhouse(180, "To receive alerts about incidents, configure the [built-in]").verify()
        #expect(F.verdicts(DeckhouseStorageClassRule(), F.deckhouse(storageClass: nil)) == [.fail])
        #expect(F.verdicts(DeckhouseAlertsRule(), F.deckhouse(receivers: 0)) == [.fail])
        var empty = F.deckhouse()
        empty.alertmanagers = .loaded([])
        #expect(try #require(F.findings(DeckhouseAlertsRule(), empty).first).message.contains("no CustomAlertmanager objects"))
    }

    @Test func etcdBackupOffersToRunTheCronJobNow() throws {
        Q.deckhouse(211, "We strongly recommend that you set up [etcd backups]").verify()
        let backups = DeckhouseEtcdBackupRule(now: { F.now })
        #expect(F.verdicts(backups, F.deckhouse(backupHoursAgo: 5)) == [.pass])
        let stale = try #require(F.findings(backups, F.deckhouse(backupHoursAgo: 72)).first)
        #expect(stale.verdict == .fail && stale.fix == .runScheduledJobs(namespace: "kube-system", names: ["d8-etcd-backup-1"]))
        let none = try #require(F.findings(backups, F.deckhouse(backupHoursAgo: nil)).first)
        #expect(none.verdict == .fail && none.fix == nil, "no CronJob to run")
        var suspended = F.deckhouse(backupHoursAgo: 72)
        suspended.etcdBackupJobs = .loaded([DeckhouseEtcdBackupJob(name: "d8-etcd-backup-1", schedule: nil, lastSuccess: F.now.addingTimeInterval(-72 * 3600), suspended: true)])
        #expect(try #require(F.findings(backups, suspended).first).fix == nil, "running it once leaves it suspended")
        var broken = F.deckhouse()
        broken.etcdBackupJobs = .failed(ProbeError(.forbidden, "CronJobs: access denied"))
        #expect(F.verdicts(backups, broken) == [.error])
    }

    @Test func offClusterCopiesAreRecorded() throws {
        Q.deckhouse(213, "Keep these backups as *far away* from your cluster as possible.").verify()
        let rule = DeckhouseBackupOffsiteRule(now: { F.now })
        func verdict(_ records: Loaded<ConsoleRecords>) -> Finding? { rule.evaluate(F.state(F.deckhouse(), records: records), policy: .default).first }
        #expect(verdict(.notProbed)?.verdict == .manual)
        #expect(verdict(.failed(ProbeError(.malformed, "records.json: bad")))?.verdict == .error)
        let none = try #require(verdict(.loaded(ConsoleRecords())))
        #expect(none.verdict == .fail && none.fix == .recordBackupCopy)
        var records = ConsoleRecords()
        records.append(.backupCopy(note: "s3://dr-bucket"), target: F.target.name, by: "ops", at: F.now.addingTimeInterval(-2 * 86_400))
        #expect(verdict(.loaded(records))?.verdict == .pass && verdict(.loaded(records))?.message.contains("2 day(s) ago by ops") == true)
        records.backupCopies[0].at = F.now.addingTimeInterval(-10 * 86_400)
        #expect(verdict(.loaded(records))?.verdict == .fail)
        records.backupCopies[0].target = "another-cluster"
        #expect(verdict(.loaded(records))?.message.hasPrefix("no off-cluster copy") == true, "another cluster's copy is not this one's")
    }

    @Test func recoveryDrill() {
        Q.deckhouse(219, "This plan should be periodically updated and tested in drills.").verify()
        #expect(F.verdicts(DeckhouseRecoveryPlanRule(), F.deckhouse()) == [.manual])
        var records = ConsoleRecords()
        #expect(DeckhouseRecoveryPlanRule().evaluate(F.state(F.deckhouse(), records: .loaded(records)), policy: .default).first?.fix == .recordDrill)
        records.drills = [DrillRecord(target: F.target.name, doneAt: Date(), by: "ops", note: "")]
        #expect(DeckhouseRecoveryPlanRule().evaluate(F.state(F.deckhouse(), records: .loaded(records)), policy: .default).first?.verdict == .pass)
    }

    @Test func unreadableSectionsAreErrorsAndOtherPlatformsAreSilent() {
        var broken = F.deckhouse()
        broken.settings = .failed(ProbeError(.forbidden, "ModuleConfig deckhouse: access denied"))
        broken.nodes = .failed(ProbeError(.timeout, "nodes: no answer"))
        for rule in [DeckhouseReleaseChannelRule(), DeckhouseUpdateWindowsRule(), DeckhouseWindowsOverlapRule(), DeckhouseReleaseApprovalRule()] as [any Rule] {
            #expect(F.verdicts(rule, broken) == [.error])
        }
        for rule in [DeckhouseMastersRule(), DeckhouseClusterTotalsRule(), DeckhouseFrontendCapacityRule(), DeckhousePVNodeSelectorRule()] as [any Rule] {
            #expect(F.verdicts(rule, broken) == [.error], "\(rule.info.id)")
        }
        var whole = ClusterState(target: F.target)
        whole.deckhouse = .failed(ProbeError(.unreachable, "the cluster does not answer"))
        #expect(DeckhouseRuleList.all().allSatisfy { $0.evaluate(whole, policy: .default).map(\.verdict) == [.error] })
        let workflow = ClusterState(target: StateBuilders.target)
        #expect(DeckhouseRuleList.all().allSatisfy { $0.evaluate(workflow, policy: .default).isEmpty })
    }
}
