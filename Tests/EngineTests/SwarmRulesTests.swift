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

/// Each MedStack Control rule on small hand-built swarms.
@Suite struct SwarmRulesTests {
    typealias F = SwarmFixtures

    func verdicts(_ findings: [Finding]) -> [String: Verdict] {
        Dictionary(findings.map { ($0.subject, $0.verdict) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func unreadableSwarmIsAnErrorAndOtherPlatformsAreSilent() {
        var failed = ClusterState(target: F.target)
        failed.swarm = .failed(ProbeError(.unreachable, "nodes: no Docker daemon"))
        for rule in SwarmRuleList.all {
            let findings = rule.evaluate(failed, policy: .default)
            #expect(findings.count == 1 && findings[0].verdict == .error && findings[0].message.contains("no Docker daemon"), "\(rule.info.id)")
            #expect(rule.evaluate(ClusterState(target: F.target), policy: .default).isEmpty, "\(rule.info.id) on a non-swarm state")
        }
    }

    @Test func everyCatalogueRuleIsPresentOnce() {
        let ids = SwarmRuleList.all.map(\.info.id)
        #expect(ids == ["SWARM-MULTINODE", "SWARM-MANAGER-SIZE", "SWARM-WORKER-SIZE", "SWARM-MANAGER-FREE", "SWARM-STATEFUL-PLACEMENT",
                        "SWARM-BIND-MOUNTS", "SWARM-SECRETS", "SWARM-IMAGE-SIZE", "SWARM-SWITCHOVER", "SWARM-REBOOT",
                        "SWARM-RESTORE-DRILL", "SWARM-NOTIFICATIONS", "SWARM-NODES-READY"])
        #expect(SwarmRuleList.all.allSatisfy { $0.info.platforms == [.swarm] && $0.info.seed.hasPrefix("003") || $0.info.id == "SWARM-NODES-READY" })
    }

    @Test func multiNode() {
        let rule = SwarmMultiNodeRule()
        #expect(F.evaluate(rule, SwarmState(nodes: [F.manager()]))[0].verdict == .fail)
        #expect(F.evaluate(rule, SwarmState(nodes: [F.manager(), F.node("w1")]))[0].verdict == .fail)
        let good = F.evaluate(rule, SwarmState(nodes: [F.manager(), F.node("w1"), F.node("w2")]))[0]
        #expect(good.verdict == .pass && good.message.contains("2 worker(s)"))
    }

    @Test func managerSizeUsesPolicyWithKernelTolerance() {
        let rule = SwarmManagerSizeRule()
        let nodes = [F.manager("big", cpus: 2, memoryGiB: 3.8), F.manager("small", cpus: 1, memoryGiB: 2), F.manager("tight", cpus: 2, memoryGiB: 3.5)]
        let result = verdicts(F.evaluate(rule, SwarmState(nodes: nodes)))
        #expect(result == ["big": .pass, "small": .fail, "tight": .fail])
        var policy = Policy()
        policy.swarmManagerMinCPUs = 1
        policy.swarmManagerMinMemoryBytes = 2 << 30
        #expect(verdicts(F.evaluate(rule, SwarmState(nodes: nodes), policy: policy))["small"] == .pass)
        let unknown = SwarmNode(id: "x", hostname: "x", role: .manager, availability: "active", state: "ready")
        #expect(F.evaluate(rule, SwarmState(nodes: [unknown]))[0].verdict == .manual)
    }

    @Test func workerSize() {
        let rule = SwarmWorkerSizeRule()
        #expect(F.evaluate(rule, SwarmState(nodes: [F.manager()]))[0].verdict == .notApplicable)
        let result = verdicts(F.evaluate(rule, SwarmState(nodes: [F.manager(), F.node("large"), F.node("small", cpus: 1, memoryGiB: 2)])))
        #expect(result == ["large": .pass, "small": .fail])
    }

    @Test func managerFreeOffersTheConstraintFixOnlyWhenAWorkerCanTakeTheTasks() throws {
        let rule = SwarmManagerFreeRule()
        let manager = F.manager(), worker = F.node("w1")
        let tasks = [F.task("web", 1, on: manager), F.task("web", 2, on: worker), F.task("api", 1, on: worker)]
        let services = [F.service("web", replicas: 2), F.service("api")]
        let findings = F.evaluate(rule, SwarmState(nodes: [manager, worker], services: services, tasks: tasks))
        #expect(findings.count == 1)
        #expect(findings[0].subject == "web" && findings[0].verdict == .fail && findings[0].message.contains("1 task(s) run on manager mgr (web.1)"))
        #expect(findings[0].fix == .addPlacementConstraint(service: "web", constraint: "node.role!=manager"))

        let alone = F.evaluate(rule, SwarmState(nodes: [manager], services: services, tasks: [F.task("web", 1, on: manager)]))
        #expect(alone[0].verdict == .fail && alone[0].fix == nil)
        #expect(alone[0].message.contains("automatic fix refused: no active Ready worker could take the tasks of web"))

        let clean = F.evaluate(rule, SwarmState(nodes: [manager, worker], services: services, tasks: [F.task("web", 1, on: worker)]))
        #expect(clean.map(\.verdict) == [.pass])
        let pending = F.evaluate(rule, SwarmState(nodes: [manager], services: services, tasks: [F.task("web", 1, on: nil)]))
        #expect(pending.map(\.verdict) == [.pass], "a pending task runs nowhere")
    }

    @Test func statefulPlacement() {
        let rule = SwarmStatefulPlacementRule()
        #expect(F.evaluate(rule, SwarmState(services: [F.service("web")]))[0].verdict == .notApplicable)
        let volume = SwarmService.Mount(type: "volume", source: "pgdata", target: "/var/lib/postgresql/data")
        let services = [F.service("db", mounts: [volume]),
                        F.service("pinned", constraints: ["node.labels.database == true"], mounts: [volume]),
                        F.service("cache", mounts: [.init(type: "tmpfs", source: "", target: "/tmp")])]
        let findings = F.evaluate(rule, SwarmState(services: services))
        #expect(verdicts(findings) == ["db": .fail, "pinned": .pass])
        #expect(findings.first { $0.subject == "db" }?.message.contains("docker service update --constraint-add node.labels.database==true db") == true)
    }

    @Test func bindMounts() {
        let rule = SwarmBindMountsRule()
        let bind = SwarmService.Mount(type: "bind", source: "/srv/pg", target: "/data")
        #expect(F.evaluate(rule, SwarmState(services: [F.service("web")])).map(\.verdict) == [.pass])
        let findings = F.evaluate(rule, SwarmState(services: [F.service("db", mounts: [bind]), F.service("web")]))
        #expect(findings.map(\.subject) == ["db"] && findings[0].verdict == .fail && findings[0].message.contains("/srv/pg → /data"))
    }

    @Test func secretsNameVariablesWithoutValues() {
        let rule = SwarmSecretsRule()
        let plain = [SwarmEnvVar(name: "POSTGRES_PASSWORD", value: .plain), SwarmEnvVar(name: "LOG_LEVEL", value: .plain)]
        let findings = F.evaluate(rule, SwarmState(services: [F.service("db", env: plain)]))
        #expect(findings[0].verdict == .fail && findings[0].subject == "db" && findings[0].message.hasPrefix("POSTGRES_PASSWORD set in plain environment"))
        #expect(!findings[0].message.contains("LOG_LEVEL"))
        let safe = [SwarmEnvVar(name: "POSTGRES_PASSWORD_FILE", value: .plain), SwarmEnvVar(name: "API_TOKEN", value: .secretFile),
                    SwarmEnvVar(name: "EMPTY_SECRET", value: .empty)]
        let ok = F.evaluate(rule, SwarmState(services: [F.service("db", env: safe, secrets: ["pg"])]))
        #expect(ok.map(\.verdict) == [.pass] && ok[0].message.contains("1 service(s) use secrets or configs"))
    }

    @Test func imageSize() {
        let rule = SwarmImageSizeRule()
        let services = [F.service("big", image: "big:1"), F.service("small", image: "small:1"), F.service("away", image: "away:1"),
                        F.service("broken", image: "broken:1")]
        let images: [String: SwarmImage] = ["big:1": .size(2 << 30), "small:1": .size(50 << 20), "away:1": .absent, "broken:1": .unreadable("timeout")]
        let result = verdicts(F.evaluate(rule, SwarmState(services: services, images: images)))
        #expect(result == ["big": .fail, "small": .pass, "away": .manual, "broken": .error])
        var policy = Policy()
        policy.swarmImageMaxBytes = 4 << 30
        #expect(verdicts(F.evaluate(rule, SwarmState(services: services, images: images), policy: policy))["big"] == .pass)
    }

    @Test func manualRulesSaySoAndWhy() {
        let swarm = SwarmState(nodes: [F.manager()])
        let switchover = F.evaluate(SwarmSwitchoverRule(), swarm)[0]
        #expect(switchover.verdict == .manual && switchover.message.contains("DNS A record") && switchover.message.contains("mgr 198.51.100.3"))
        let drill = F.evaluate(SwarmRestoreDrillRule(), swarm)[0]
        #expect(drill.verdict == .manual && drill.message.contains("confirm by hand"))
        #expect(F.evaluate(SwarmNotificationsRule(), swarm)[0].verdict == .manual)
    }

    @Test func rebootReadsNodeChangesAndOffersADrain() throws {
        let rule = SwarmRebootRule()
        let stale = F.node("stale", daysSinceChange: 10), fresh = F.node("fresh", daysSinceChange: 3)
        let drained = F.node("drained", availability: "drain", daysSinceChange: 40)
        let findings = F.evaluate(rule, SwarmState(nodes: [stale, fresh, drained]))
        #expect(verdicts(findings) == ["stale": .fail, "fresh": .pass, "drained": .pass])
        let fail = try #require(findings.first { $0.subject == "stale" })
        #expect(fail.fix == .setNodeAvailability(node: "id-stale", from: "active", to: "drain"))
        #expect(fail.message.contains("10 day(s)"))
        var policy = Policy()
        policy.swarmMaintenanceMaxAgeDays = 14
        #expect(verdicts(F.evaluate(rule, SwarmState(nodes: [stale]), policy: policy))["stale"] == .pass)
    }

    @Test func nodesReadyForSwarm() throws {
        let rule = SwarmNodesReadyRule()
        #expect(F.evaluate(rule, SwarmState(nodes: [F.manager(), F.node("w1")])).map(\.verdict) == [.pass])
        var unreachable = F.manager("m2")
        unreachable.isLeader = false
        unreachable.reachability = "unreachable"
        let findings = F.evaluate(rule, SwarmState(nodes: [F.manager(), F.node("down", state: "down"), F.node("paused", availability: "pause"), unreachable]))
        #expect(verdicts(findings) == ["down": .fail, "paused": .fail, "m2": .fail])
        #expect(findings.first { $0.subject == "paused" }?.fix == .setNodeAvailability(node: "id-paused", from: "pause", to: "active"))
        #expect(findings.first { $0.subject == "down" }?.fix == nil)
    }

    @Test func duplicateHostnamesGetDistinctSubjects() {
        let a = SwarmNode(id: "aaaaaaaaaaaaaaaa", hostname: "vm", role: .worker, availability: "active", state: "ready", nanoCPUs: 1_000_000_000, memoryBytes: 1 << 30)
        let b = SwarmNode(id: "bbbbbbbbbbbbbbbb", hostname: "vm", role: .worker, availability: "active", state: "ready", nanoCPUs: 1_000_000_000, memoryBytes: 1 << 30)
        let subjects = F.evaluate(SwarmWorkerSizeRule(), SwarmState(nodes: [a, b])).map(\.subject)
        #expect(subjects == ["vm (aaaaaaaaaaaa)", "vm (bbbbbbbbbbbb)"])
    }
}
