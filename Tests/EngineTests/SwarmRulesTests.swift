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

/// Each MedStack Control rule on small hand-built swarms. Every test quotes the sentence of
/// the MedStack guide (seed 003) it encodes, checked against the guide's own line, and covers
/// pass, fail, not applicable and unreadable where the rule has them (an unreadable swarm, and
/// a cluster with no swarm at all, are covered for every rule at once below).
@Suite struct SwarmRulesTests {
    typealias F = SwarmFixtures
    typealias Q = GuideQuote

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
                        "SWARM-HEALTHCHECK", "SWARM-DOWNTIME", "SWARM-CRITICAL-NODE", "SWARM-DB-TIER",
                        "SWARM-RESTORE-DRILL", "SWARM-NOTIFICATIONS", "SWARM-NODES-READY"])
        #expect(SwarmRuleList.all.allSatisfy { $0.info.platforms == [.swarm] && $0.info.seed.hasPrefix("003") || $0.info.id == "SWARM-NODES-READY" })
    }

    @Test func multiNode() {
        Q.medstack(6, "we recommend using (1) multiple nodes").verify()
        Q.medstack(10, "At least 2 medium nodes are appropriate Worker nodes in production environments").verify()
        let rule = SwarmMultiNodeRule()
        #expect(F.evaluate(rule, SwarmState(nodes: [F.manager()]))[0].verdict == .fail)
        #expect(F.evaluate(rule, SwarmState(nodes: [F.manager(), F.node("w1")]))[0].verdict == .fail)
        let good = F.evaluate(rule, SwarmState(nodes: [F.manager(), F.node("w1"), F.node("w2")]))[0]
        #expect(good.verdict == .pass && good.message.contains("2 worker(s)"))
    }

    @Test func managerSizeUsesPolicyWithKernelTolerance() {
        Q.medstack(9, "Medium nodes or larger make appropriate Manager nodes in production environments.").verify()
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
        Q.medstack(24, "Large (2 vCPU, 8 GB memory)").verify()
        let rule = SwarmWorkerSizeRule()
        #expect(F.evaluate(rule, SwarmState(nodes: [F.manager()]))[0].verdict == .notApplicable)
        let result = verdicts(F.evaluate(rule, SwarmState(nodes: [F.manager(), F.node("large"), F.node("small", cpus: 1, memoryGiB: 2)])))
        #expect(result == ["large": .pass, "small": .fail])
    }

    @Test func managerFreeOffersTheConstraintFixOnlyWhenAWorkerCanTakeTheTasks() throws {
        Q.medstack(12, "it's important to leave the Manager node as free of tasks/processing as possible.").verify()
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

    @Test func managerFreeExemptionsAreNeverSilent() throws {
        Q.medstack(45, "The load balancer is pinned to the manager node").verify()
        let rule = SwarmManagerFreeRule()
        let manager = F.manager(), worker = F.node("w1")
        let agent = F.global("node-exporter")
        let lb = F.service("lb", constraints: ["node.role == manager"], ports: [.init(proto: "tcp", targetPort: 80, publishedPort: 80, mode: "host")])
        let swarm = SwarmState(nodes: [manager, worker], services: [agent, lb],
                               tasks: [SwarmTask(id: "a1", name: "node-exporter.id-mgr", serviceName: "node-exporter", nodeID: manager.id, nodeHostname: "mgr", state: "running"),
                                       F.task("lb", 1, on: manager)])
        let findings = F.evaluate(rule, swarm)
        // A global agent is exempt by the policy's reason, and the finding says so.
        let exempt = try #require(findings.first { $0.subject == "node-exporter" })
        #expect(exempt.verdict == .pass && exempt.message.hasPrefix("exempt by policy — a global service runs one task on every node by design"))
        // The load balancer pinned to the manager by its own constraint fails without a fix:
        // only a suppression with a reason accepts it.
        let pinned = try #require(findings.first { $0.subject == "lb" })
        #expect(pinned.verdict == .fail && pinned.fix == nil && pinned.message.contains("pinned there by its own constraint node.role == manager"))
        #expect(pinned.message.contains("policy suppression"))
        var strict = Policy()
        strict.swarmGlobalServiceExemption = nil
        #expect(verdicts(F.evaluate(rule, swarm, policy: strict))["node-exporter"] == .fail)
        // The suppression is what a policy file writes; the finding stays in every report, marked.
        var accepting = Policy()
        accepting.suppressions = [Suppression(rule: "SWARM-MANAGER-FREE", object: "lb", reason: "MedStack's load balancer lives on the manager")]
        let judged = RuleEngine(rules: [rule], policy: accepting).evaluate(F.state(swarm), now: F.now)
        #expect(judged.first { $0.subject == "lb" }?.suppression?.reason == "MedStack's load balancer lives on the manager")
    }

    @Test func statefulPlacementWantsTheLabelOnSomeNode() {
        Q.medstack(17, "node.labels.database == true").verify()
        Q.medstack(18, "provided that you've created a node label fordatabase = true").verify()
        let rule = SwarmStatefulPlacementRule()
        #expect(F.evaluate(rule, SwarmState(services: [F.service("web")]))[0].verdict == .notApplicable)
        let volume = SwarmService.Mount(type: "volume", source: "pgdata", target: "/var/lib/postgresql/data")
        let labelled = F.node("db-node", labels: ["database": "true"])
        let services = [F.service("db", mounts: [volume]),
                        F.service("pinned", constraints: ["node.labels.database == true"], mounts: [volume]),
                        F.service("orphan", constraints: ["node.labels.storage==ssd"], mounts: [volume]),
                        F.service("cache", mounts: [.init(type: "tmpfs", source: "", target: "/tmp")])]
        let findings = F.evaluate(rule, SwarmState(nodes: [F.manager(), labelled], services: services))
        #expect(verdicts(findings) == ["db": .fail, "pinned": .pass, "orphan": .fail])
        #expect(findings.first { $0.subject == "db" }?.message.contains("docker service update --constraint-add node.labels.database==true db") == true)
        #expect(findings.first { $0.subject == "pinned" }?.message == "pinned by node.labels.database==true to db-node")
        #expect(findings.first { $0.subject == "orphan" }?.message.contains("no node carries that label") == true)
        #expect(findings.first { $0.subject == "orphan" }?.message.contains("docker node update --label-add storage=ssd NODE") == true)
    }

    @Test func bindMounts() {
        Q.medstack(36, "Switch from bind mounts to volumes.").verify()
        let rule = SwarmBindMountsRule()
        let bind = SwarmService.Mount(type: "bind", source: "/srv/pg", target: "/data")
        #expect(F.evaluate(rule, SwarmState(services: [F.service("web")])).map(\.verdict) == [.pass])
        let findings = F.evaluate(rule, SwarmState(services: [F.service("db", mounts: [bind]), F.service("web")]))
        #expect(findings.map(\.subject) == ["db"] && findings[0].verdict == .fail && findings[0].message.contains("/srv/pg → /data"))
    }

    @Test func secretsNameVariablesWithoutValues() {
        Q.medstack(38, "Make use of secrets and configs.").verify()
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
        Q.medstack(33, "Keep your images small.").verify()
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

    @Test func switchoverChecksTheDNSRecordAndListsTheManualSteps() throws {
        Q.medstack(43, "Test a database dump from the current environment and restore into the MedStack Control environment.").verify()
        Q.medstack(45, "Map an A record in your DNS settings to point to the manager node in the production Docker environment.").verify()
        Q.medstack(45, "We recommend mapping the DNS setting 48 hours in advance").verify()
        Q.medstack(47, "Schedule at least a two (2) hours maintenance window with your end users").verify()
        let rule = SwarmSwitchoverRule()
        let manager = F.manager()
        func dns(_ outcome: SwarmDNSAnswer.Outcome?) -> [String: Finding] {
            var swarm = SwarmState(nodes: [manager, F.node("w1")])
            swarm.switchoverDNS = outcome.map { SwarmDNSAnswer(hostname: "app.example.com", outcome: $0) }
            return Dictionary(uniqueKeysWithValues: F.evaluate(rule, swarm).map { ($0.subject, $0) })
        }
        let unnamed = dns(nil)
        #expect(unnamed.keys.sorted() == [SwarmSwitchoverRule.dnsSubject, SwarmSwitchoverRule.dumpSubject, SwarmSwitchoverRule.windowSubject].sorted())
        #expect(unnamed[SwarmSwitchoverRule.dumpSubject]?.verdict == .manual && unnamed[SwarmSwitchoverRule.windowSubject]?.verdict == .manual)
        let manual = try #require(unnamed[SwarmSwitchoverRule.dnsSubject])
        #expect(manual.verdict == .manual && manual.message.contains("switchover-dns") && manual.message.contains("mgr \(manager.address)"))
        #expect(dns(.addresses(["203.0.113.9", manager.address]))[SwarmSwitchoverRule.dnsSubject]?.verdict == .pass)
        let elsewhere = try #require(dns(.addresses(["203.0.113.9"]))[SwarmSwitchoverRule.dnsSubject])
        #expect(elsewhere.verdict == .fail && elsewhere.message.contains("resolves to 203.0.113.9, not to a manager"))
        #expect(dns(.unresolved)[SwarmSwitchoverRule.dnsSubject]?.verdict == .fail)
        #expect(dns(.failed("timed out"))[SwarmSwitchoverRule.dnsSubject]?.verdict == .error)
        // A step marked done by hand becomes a pass with who and when (RuleEngine).
        var records = ConsoleRecords()
        records.manualDone = [ManualDoneRecord(target: F.target.name, ruleID: "SWARM-SWITCHOVER", subject: SwarmSwitchoverRule.dumpSubject,
                                               doneAt: F.now, by: "ops", note: "checked by hand")]
        let judged = RuleEngine(rules: [rule]).evaluate(F.state(SwarmState(nodes: [manager]), records: .loaded(records)), now: F.now)
        #expect(judged.first { $0.subject == SwarmSwitchoverRule.dumpSubject }?.verdict == .pass)
        #expect(judged.first { $0.subject == SwarmSwitchoverRule.windowSubject }?.verdict == .manual)
    }

    @Test func rebootCountsOnlyTheMaintenanceFlow() throws {
        Q.medstack(52, "Reboot nodes once a week.").verify()
        let rule = SwarmRebootRule()
        let rebooted = F.node("rebooted"), stale = F.node("stale"), never = F.node("never", daysSinceChange: 0)
        let steps = [F.step(rebooted, "drain", daysAgo: 2.1), F.step(rebooted, "reboot", daysAgo: 2),
                     F.step(stale, "drain", daysAgo: 10.1), F.step(stale, "reboot", daysAgo: 10)]
        let findings = F.evaluate(rule, SwarmState(nodes: [rebooted, stale, never]), records: F.records(steps))
        #expect(verdicts(findings) == ["rebooted": .pass, "stale": .fail, "never": .fail])
        #expect(findings.first { $0.subject == "rebooted" }?.message.hasPrefix("rebooted 2 day(s) ago through the maintenance flow by ops") == true)
        #expect(findings.first { $0.subject == "stale" }?.message.contains("10 day(s) ago (want every 7)") == true)
        // The node object changed yesterday (UpdatedAt): a label change or a drain moves it too, so it is no evidence.
        #expect(findings.first { $0.subject == "never" }?.message.hasPrefix("no reboot recorded") == true)
        #expect(findings.allSatisfy { $0.fix == nil }, "a drain alone never clears the rule: the flow runs from the Nodes pane")
        var policy = Policy()
        policy.swarmMaintenanceMaxAgeDays = 14
        #expect(verdicts(F.evaluate(rule, SwarmState(nodes: [stale]), policy: policy, records: F.records(steps)))["stale"] == .pass)
        // Unreadable records: cannot decide; records not read at all (another front end): by hand.
        #expect(F.evaluate(rule, SwarmState(nodes: [never]), records: .failed(ProbeError(.malformed, "records.json: bad")))[0].verdict == .error)
        #expect(F.evaluate(rule, SwarmState(nodes: [never]))[0].verdict == .manual)
    }

    @Test func rebootInAnOpenMaintenanceWaitsForTheNodeToLeaveAndComeBack() throws {
        let rule = SwarmRebootRule()
        var drained = F.node("w1", availability: "drain")
        let opened = F.records([F.step(drained, "drain", daysAgo: 0.01)])   // drained ~15 minutes ago
        // A drain alone does not count.
        let waiting = F.evaluate(rule, SwarmState(nodes: [drained]), records: opened)[0]
        #expect(waiting.verdict == .fail && waiting.fix == nil && waiting.message.contains("reboot it now; shipshape has not seen it leave"))
        // A reconnect before the drain is no evidence either.
        let before = [F.event(drained, secondsAgo: 3600, from: "ready", to: "down"), F.event(drained, secondsAgo: 3500, from: "down", to: "ready")]
        #expect(F.evaluate(rule, SwarmState(nodes: [drained], nodeEvents: before), records: opened)[0].fix == nil)
        // Down after the drain, Ready again: activating it finishes the flow.
        let after = [F.event(drained, secondsAgo: 600, from: "ready", to: "down"), F.event(drained, secondsAgo: 300, from: "down", to: "ready")]
        let back = F.evaluate(rule, SwarmState(nodes: [drained], nodeEvents: after), records: opened)[0]
        #expect(back.verdict == .fail && back.fix == .setNodeAvailability(node: drained.id, from: "drain", to: "active"))
        #expect(back.message.contains("it left the swarm and came back (down at"))
        // Still down: not yet.
        var down = drained
        down.state = "down"
        #expect(F.evaluate(rule, SwarmState(nodes: [down], nodeEvents: Array(after.prefix(1))), records: opened)[0].fix == nil)
        // Activated outside the flow: the maintenance was abandoned, no reboot counts.
        drained.availability = "active"
        let abandoned = F.evaluate(rule, SwarmState(nodes: [drained], nodeEvents: after), records: opened)[0]
        #expect(abandoned.verdict == .fail && abandoned.message.contains("outside the maintenance flow"))
    }

    @Test func thePinnedManagerComesBackWithoutItsOldEvents() {
        var manager = F.manager()
        manager.isSelf = true
        manager.availability = "drain"
        var worker = F.node("w1", availability: "drain")
        let restart = [F.event(manager, secondsAgo: 60, from: "unknown", to: "ready"), F.event(worker, secondsAgo: 55, from: "unknown", to: "ready")]
        let records = F.records([F.step(manager, "drain", daysAgo: 0.01), F.step(worker, "drain", daysAgo: 0.01)])
        let findings = F.evaluate(SwarmRebootRule(), SwarmState(nodes: [manager, worker], nodeEvents: restart), records: records)
        // The manager shipshape talks to started again: its own unknown → ready says so.
        #expect(findings.first { $0.subject == "mgr" }?.fix != nil)
        // A worker marked unknown by the manager's restart did not itself leave.
        #expect(findings.first { $0.subject == "w1" }?.fix == nil)
        worker.isSelf = false
    }

    @Test func healthCheckFromTheServiceOrItsImage() {
        Q.medstack(56, "Load Balancer Healthchecks - Determine when a container is not healthy enough to receive traffic.").verify()
        let rule = SwarmHealthCheckRule()
        #expect(F.evaluate(rule, SwarmState())[0].verdict == .notApplicable)
        let services = [F.service("own", healthCheck: .defined), F.service("off", image: "checked:1", healthCheck: .disabled),
                        F.service("fromImage", image: "checked:1"), F.service("none", image: "plain:1"),
                        F.service("elsewhere", image: "away:1"), F.service("broken", image: "broken:1")]
        let swarm = SwarmState(services: services, images: ["checked:1": .size(1), "plain:1": .size(1), "away:1": .absent, "broken:1": .unreadable("timed out")],
                               imageHealthChecks: ["checked:1": true, "plain:1": false])
        let findings = F.evaluate(rule, swarm)
        #expect(verdicts(findings) == ["own": .pass, "off": .fail, "fromImage": .pass, "none": .fail, "elsewhere": .manual, "broken": .error])
        #expect(findings.first { $0.subject == "off" }?.message.contains("--no-healthcheck") == true, "turned off on the service, whatever the image says")
    }

    @Test func downtimeWantsTwoReplicasAndStartFirst() throws {
        Q.medstack(55, "Reducing Deployment Downtime - Strategies for reducing downtime.").verify()
        let rule = SwarmDowntimeRule()
        #expect(F.evaluate(rule, SwarmState(services: [F.global("agent")]))[0].verdict == .notApplicable)
        let services = [F.service("good", replicas: 2, updateOrder: "start-first"), F.service("single", replicas: 1, updateOrder: "start-first"),
                        F.service("default", replicas: 3), F.service("both", replicas: 1, updateOrder: "stop-first")]
        let findings = F.evaluate(rule, SwarmState(services: services))
        #expect(verdicts(findings) == ["good": .pass, "single": .fail, "default": .fail, "both": .fail])
        let single = try #require(findings.first { $0.subject == "single" })
        #expect(single.fix == nil && single.message.contains("docker service scale single=2"))
        let unset = try #require(findings.first { $0.subject == "default" })
        #expect(unset.fix == .setUpdateOrder(service: "default", from: "stop-first", to: "start-first") && unset.message.contains("docker's default"))
        #expect(findings.first { $0.subject == "both" }?.fix == .setUpdateOrder(service: "both", from: "stop-first", to: "start-first"))
        var policy = Policy()
        policy.swarmMinServiceReplicas = 1
        #expect(verdicts(F.evaluate(rule, SwarmState(services: services), policy: policy))["single"] == .pass)
        #expect(FixIntent.setUpdateOrder(service: "s", from: "stop-first", to: "start-first").inverse == .setUpdateOrder(service: "s", from: "start-first", to: "stop-first"))
    }

    @Test func criticalNodeIsTheOnlyPlaceAServiceCanRun() throws {
        Q.medstack(59, "If a single node is critical to your operations that rebooting it or scheduling maintenance feels impossible").verify()
        let rule = SwarmCriticalNodeRule()
        let manager = F.manager(), db = F.node("db-node", labels: ["database": "true"]), w2 = F.node("w2")
        #expect(F.evaluate(rule, SwarmState(nodes: [manager, db]))[0].verdict == .notApplicable)
        let services = [F.service("web", constraints: ["node.role!=manager"]), F.service("pg", constraints: ["node.labels.database==true"])]
        let findings = F.evaluate(rule, SwarmState(nodes: [manager, db, w2], services: services))
        #expect(findings.map(\.subject) == ["db-node"] && findings[0].verdict == .fail)
        #expect(findings[0].message.contains("pg (node.labels.database==true)"))
        // A down node is no second place; a drained one is (maintenance, not design).
        let downSecond = F.evaluate(rule, SwarmState(nodes: [manager, db, F.node("w2", state: "down")], services: [services[0]]))
        #expect(downSecond.map(\.subject) == ["db-node"])
        let drainedSecond = F.evaluate(rule, SwarmState(nodes: [manager, db, F.node("w2", availability: "drain")], services: [services[0]]))
        #expect(drainedSecond.map(\.verdict) == [.pass])
        // One node alone is the only place of everything.
        #expect(F.evaluate(rule, SwarmState(nodes: [manager], services: [F.service("x")]))[0].message.contains("no constraint; the only Ready node"))
    }

    @Test func manualRulesSayWhatToCheckAndAreMarkedDoneByHand() {
        Q.medstack(6, "(2) general purpose tier databases").verify()
        Q.medstack(65, "Enable notifications in MedStack Control.").verify()
        let swarm = SwarmState(nodes: [F.manager()])
        let tier = F.evaluate(SwarmDatabaseTierRule(), swarm)[0]
        #expect(tier.verdict == .manual && tier.subject == "databases" && tier.message.contains("general purpose tier"))
        #expect(F.evaluate(SwarmNotificationsRule(), swarm)[0].verdict == .manual)
        var records = ConsoleRecords()
        records.manualDone = [ManualDoneRecord(target: F.target.name, ruleID: "SWARM-DB-TIER", subject: "databases", doneAt: F.now, by: "ops", note: "checked by hand")]
        let judged = RuleEngine(rules: [SwarmDatabaseTierRule()]).evaluate(F.state(swarm, records: .loaded(records)), now: F.now)
        #expect(judged[0].verdict == .pass && judged[0].message.hasPrefix("checked by hand by ops on"))
    }

    @Test func restoreDrillWithinThePolicyDays() {
        Q.medstack(63, "Validate your backups and disaster recovery plan once every 1-3 months.").verify()
        let rule = SwarmRestoreDrillRule()
        let swarm = SwarmState(nodes: [F.manager()])
        #expect(F.evaluate(rule, swarm)[0].verdict == .manual, "records not read: by hand")
        var records = ConsoleRecords()
        #expect(F.evaluate(rule, swarm, records: .loaded(records))[0].fix == .recordDrill)
        records.drills = [DrillRecord(target: F.target.name, doneAt: Date().addingTimeInterval(-30 * 86_400), by: "ops", note: "")]
        #expect(F.evaluate(rule, swarm, records: .loaded(records))[0].verdict == .pass)
        var policy = Policy()
        policy.swarmDrillMaxAgeDays = 20
        #expect(F.evaluate(rule, swarm, policy: policy, records: .loaded(records))[0].verdict == .fail)
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

extension SwarmRulesTests {
    /// The drain's own event anchors the flow on the daemon's clock: an agent coming back just
    /// before the drain (a swarm init, a leadership change) is no reboot after it.
    @Test func evidenceCountsOnlyAfterTheDaemonsOwnDrainEvent() {
        var manager = F.manager()
        manager.isSelf = true
        manager.availability = "drain"
        let records = F.records([F.step(manager, "drain", daysAgo: 0)])
        let drained = SwarmNodeEvent(nodeID: manager.id, time: F.now.addingTimeInterval(-5), availabilityOld: "active", availabilityNew: "drain")
        let before = F.event(manager, secondsAgo: 60, from: "unknown", to: "ready")
        #expect(F.evaluate(SwarmRebootRule(), SwarmState(nodes: [manager], nodeEvents: [before, drained]), records: records)[0].fix == nil)
        // Without the drain's event (the manager restarted and lost its history), its start counts.
        let restarted = F.event(manager, secondsAgo: -1, from: "unknown", to: "ready")
        #expect(F.evaluate(SwarmRebootRule(), SwarmState(nodes: [manager], nodeEvents: [restarted]), records: records)[0].fix != nil)
    }
}
