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

/// The Deckhouse demo end to end on the sandbox: both clusters' verdicts for every DH-*
/// rule, the channel and window fixes with dry run, verify and undo, and the overlap rule
/// turning red when both clusters end up on one channel.
@Suite struct DeckhouseDemoTests {
    static func workspace() throws -> (Workspace, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dh-\(UUID().uuidString)").path
        let audit = try AuditLog(path: dir + "/audit.jsonl")
        let sessions = try DemoScenario.deckhouse.makeAdapters(latencyMilliseconds: 0)
            .map { Session(adapter: $0, audit: audit, verifyTimeoutSeconds: 2) }
        return (Workspace(sessions: sessions), audit.path)
    }

    static func verdicts(_ snapshot: Snapshot) -> [String: [Verdict]] {
        Dictionary(grouping: snapshot.findings, by: \.rule.id).mapValues { $0.map(\.verdict) }
    }

    /// What `check --demo deckhouse` must report, per cluster and rule.
    static let expected: [[String: [Verdict]]] = [
        ["DH-RELEASE-CHANNEL": [.fail], "DH-UPDATE-WINDOWS": [.pass], "DH-WINDOWS-OVERLAP": [.pass], "DH-RELEASE-AGE": [.pass],
         "DH-K8S-VERSION": [.pass], "DH-MASTERS": [.fail], "DH-NODE-RESOURCES": [.fail, .fail], "DH-FRONTEND": [.fail, .fail],
         "DH-FRONTEND-CAPACITY": [.notApplicable], "DH-MONITORING-NODES": [.notApplicable], "DH-SYSTEM-NODES": [.pass],
         "DH-STORAGECLASS": [.fail], "DH-CLUSTER-TOTALS": [.fail], "DH-MONITORING-STORAGE": [.fail], "DH-PV-NODESELECTOR": [.notApplicable],
         "DH-RELEASE-APPROVAL": [.fail], "DH-CHANNEL-ORDER": [.pass], "DH-ALERTS": [.fail],
         "DH-ETCD-BACKUP": [.pass], "DH-BACKUP-OFFSITE": [.fail], "DH-DR-PLAN": [.fail], "NODES-READY": [.pass]],
        ["DH-RELEASE-CHANNEL": [.pass], "DH-UPDATE-WINDOWS": [.pass], "DH-WINDOWS-OVERLAP": [.pass], "DH-RELEASE-AGE": [.pass],
         "DH-K8S-VERSION": [.pass], "DH-MASTERS": [.pass], "DH-NODE-RESOURCES": [.pass], "DH-FRONTEND": [.pass, .pass],
         "DH-FRONTEND-CAPACITY": [.pass], "DH-MONITORING-NODES": [.pass], "DH-SYSTEM-NODES": [.pass], "DH-STORAGECLASS": [.pass],
         "DH-CLUSTER-TOTALS": [.pass], "DH-MONITORING-STORAGE": [.pass], "DH-PV-NODESELECTOR": [.pass],
         "DH-RELEASE-APPROVAL": [.notApplicable], "DH-CHANNEL-ORDER": [.pass], "DH-ALERTS": [.pass],
         "DH-ETCD-BACKUP": [.pass], "DH-BACKUP-OFFSITE": [.fail], "DH-DR-PLAN": [.fail], "NODES-READY": [.pass]],
    ]

    @Test func everyRuleHasTheRightVerdictOnBothClusters() async throws {
        let (workspace, _) = try Self.workspace()
        #expect(workspace.targets.map(\.name) == ["dvp-north", "dvp-south"])
        let snapshots = await workspace.refreshAll()
        for (index, snapshot) in snapshots.enumerated() {
            #expect(snapshot.state.failures.isEmpty, "\(snapshot.state.failures)")
            let verdicts = Self.verdicts(snapshot)
            for (rule, want) in Self.expected[index] {
                #expect(verdicts[rule]?.sorted { $0.rawValue < $1.rawValue } == want.sorted { $0.rawValue < $1.rawValue },
                        "\(snapshot.state.target.name) \(rule): \(verdicts[rule] ?? [])")
            }
            #expect(Set(verdicts.keys).isSuperset(of: DeckhouseRuleList.ids))
            #expect(Set(Self.expected[index].keys).isSuperset(of: DeckhouseRuleList.ids), "every rule has a demo verdict")
            let table = CheckReport(snapshot: snapshot, failOn: .error).table()
            for id in DeckhouseRuleList.ids { #expect(table.contains(id), "\(id) missing from check --demo deckhouse") }
        }
        let north = snapshots[0].findings
        #expect(north.first { $0.rule.id == "DH-WINDOWS-OVERLAP" }?.message.contains("dvp-south on Stable") == true)
        #expect(north.first { $0.rule.id == "DH-FRONTEND" && $0.subject.hasPrefix("ingress") }?.message.contains("HostWithFailover") == true)
        #expect(Set(north.filter { $0.rule.id == "DH-NODE-RESOURCES" }.map(\.subject)) == ["dvp-north-system-0", "dvp-north-system-1"])
    }

    @Test func theSecretsOtherKeysAreNeverRead() async throws {
        let (workspace, _) = try Self.workspace()
        let state = await workspace.refreshAll()[0].state
        #expect(state.deckhouse.value?.kubernetesVersion.value == "Automatic")
        let dump = String(describing: state)
        #expect(!dump.contains("never-read-this-value") && !dump.contains(Data("never-read-this-value".utf8).base64EncodedString()))
    }

    @Test func channelFixThenOverlapAppearsOnBothAndUndoClearsIt() async throws {
        let (workspace, path) = try Self.workspace()
        let north = workspace.sessions[0]
        let finding = try #require(await workspace.refreshAll()[0].findings.first { $0.rule.id == "DH-RELEASE-CHANNEL" })
        let plan = try #require(await north.plan(for: finding))
        #expect(plan.commands[0].argv == ["kubectl", "--kubeconfig", "(demo)", "--context", "dvp-north", "patch", "mc", "deckhouse",
                                          "--type=merge", "-p", #"{"spec":{"settings":{"releaseChannel":"Stable"}}}"#])
        #expect(plan.dryRunCommands[0].arguments.last == "--dry-run=server")
        #expect(plan.risk == .low, "towards a more stable channel")
        #expect(await north.dryRun(plan) == .accepted(["moduleconfig.deckhouse.io/deckhouse patched"]))
        #expect(await north.apply(plan) == .applied(findingCleared: true, detail: "DH-RELEASE-CHANNEL cleared"))

        let after = await workspace.refreshAll()
        #expect(after[0].state.deckhouse.value?.settings.value?.releaseChannel == "Stable")
        for snapshot in after {
            let overlap = try #require(snapshot.findings.first { $0.rule.id == "DH-WINDOWS-OVERLAP" })
            #expect(overlap.verdict == .fail && overlap.message.contains("Sat 03:00–05:00"), "\(overlap.message)")
            // dev and prod on one channel: the estate's order is gone, seen from both sides.
            #expect(snapshot.findings.first { $0.rule.id == "DH-CHANNEL-ORDER" }?.verdict == .fail)
        }

        let undo = try #require(await north.undoPlan(for: plan))
        #expect(undo.risk == .high, "back to Alpha may install newer releases at once")
        #expect(await north.apply(undo).succeeded)
        let restored = await workspace.refreshAll()
        #expect(restored[0].state.deckhouse.value?.settings.value?.releaseChannel == "Alpha")
        #expect(restored.allSatisfy { $0.findings.first { $0.rule.id == "DH-WINDOWS-OVERLAP" }?.verdict == .pass })
        let steps = try AuditLog.read(path: path).filter { $0.fixID == plan.id }.map(\.step)
        #expect(steps == [.planned, .dryRun, .confirmed, .precondition, .run, .verify, .applied])
        #expect(try AuditLog.read(path: path).allSatisfy { $0.context == "dvp-north" })
    }

    /// A minor release waits for approval in AutoPatch mode: approving it (typed confirmation,
    /// server dry run, read-back) clears the finding; the undo withdraws the approval.
    @Test func approveTheWaitingReleaseThenWithdraw() async throws {
        let (workspace, path) = try Self.workspace()
        let north = workspace.sessions[0]
        let finding = try #require(await workspace.refreshAll()[0].findings.first { $0.rule.id == "DH-RELEASE-APPROVAL" })
        #expect(finding.subject == "deckhouserelease/v1.69.0" && finding.fix == .approveRelease(name: "v1.69.0", version: "v1.69.0"))
        let plan = try #require(await north.plan(for: finding))
        #expect(plan.risk == .high, "the cluster's name is typed")
        #expect(plan.commands[0].argv.suffix(6) == ["patch", "deckhouserelease", "v1.69.0", "--type=merge", "-p", #"{"approved":true}"#])
        #expect(plan.changes[1].to.hasPrefix("installs in the next update window, Sat 01:00 UTC") || plan.changes[1].to.hasPrefix("installs now"))
        #expect(await north.dryRun(plan) == .accepted(["deckhouserelease.deckhouse.io/v1.69.0 patched"]))
        #expect(await north.apply(plan) == .applied(findingCleared: true, detail: "DH-RELEASE-APPROVAL cleared"))
        let approved = await workspace.refreshAll()[0]
        #expect(approved.state.deckhouse.value?.releases.value?.first { $0.name == "v1.69.0" }?.approved == true)
        // Approving twice is refused before anything runs.
        guard case .failure(let refusal) = north.plan(.approveRelease(name: "v1.69.0", version: "v1.69.0"), ruleID: "DH-RELEASE-APPROVAL",
                                                     subject: finding.subject, state: approved.state) else { Issue.record("approved twice"); return }
        #expect(refusal.reason.contains("approved already"))
        let undo = try #require(await north.undoPlan(for: plan))
        #expect(undo.commands[0].arguments.last == #"{"approved":false}"# && undo.risk == .low)
        #expect(await north.apply(undo).succeeded)
        #expect(await workspace.refreshAll()[0].findings.first { $0.rule.id == "DH-RELEASE-APPROVAL" }?.verdict == .fail)
        #expect(try AuditLog.read(path: path).filter { $0.fixID == plan.id }.map(\.step).contains(.applied))
    }

    @Test func approvingFromTheReleasesPane() async throws {
        let (workspace, _) = try Self.workspace()
        let snapshot = await workspace.refreshAll()[0]
        let context = PaneContext(clusters: [ClusterView(target: workspace.targets[0], state: snapshot.state)], current: 0, policy: .default)
        let pane = DeckhousePaneSpecs.releases.make(context)
        #expect(pane.rowCount == 3 && pane.row(at: 0).map(\.text).prefix(3) == ["v1.69.0", "Pending", "waiting"])
        #expect(pane.summary?.first?.text.contains("1 waiting for approval") == true)
        guard case .intent(let intent, let ruleID, let subject)? = pane.actions.first?.resolve(0) else { Issue.record("no approve action"); return }
        #expect(intent == .approveRelease(name: "v1.69.0", version: "v1.69.0") && ruleID == "DH-RELEASE-APPROVAL" && subject == "deckhouserelease/v1.69.0")
        guard case .unavailable(let why)? = pane.actions.first?.resolve(1) else { Issue.record("a deployed release offered an approval"); return }
        #expect(why.contains("Deployed"))
        // South updates automatically: nothing there waits for an approval.
        let south = await workspace.refreshAll()[1]
        let southPane = DeckhousePaneSpecs.releases.make(PaneContext(clusters: [ClusterView(target: workspace.targets[1], state: south.state)], current: 0, policy: .default))
        guard case .unavailable? = southPane.actions.first?.resolve(0) else { Issue.record("Auto mode offered an approval"); return }
    }

    /// DH-ETCD-BACKUP's fix runs the CronJob now and waits for its Job; DH-BACKUP-OFFSITE's
    /// records an off-cluster copy.
    @Test func backupRunNowAndOffClusterCopyRecord() async throws {
        let adapters = try DeckhouseDemo.makeAdapters(latencyMilliseconds: 0, now: Date().addingTimeInterval(-3 * 86_400))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dh-\(UUID().uuidString)").path
        let session = Session(adapter: adapters[1], audit: try AuditLog(path: dir + "/audit.jsonl"), verifyTimeoutSeconds: 2)
        let stale = try #require(await session.refresh().findings.first { $0.rule.id == "DH-ETCD-BACKUP" })
        #expect(stale.verdict == .fail, "the demo moved three days back: the last backup is old")
        let run = try #require(await session.plan(for: stale))
        #expect(run.commands.count == 2 && run.commands[0].arguments.contains("--from=cronjob/d8-etcd-backup-0c1f7e2d"))
        #expect(run.commands[1].arguments.contains("wait") && run.commands[1].timeoutSeconds == 615)
        #expect(run.dryRunCommands[0].arguments.last == "--dry-run=server" && run.hasServerDryRun)
        #expect(await session.apply(run) == .applied(findingCleared: true, detail: "DH-ETCD-BACKUP cleared"))
        #expect(run.intent.inverse == nil, "a backup that ran stays run")

        let copy = try #require(await session.refresh().findings.first { $0.rule.id == "DH-BACKUP-OFFSITE" })
        let record = try #require(await session.plan(for: copy))
        #expect(record.commands.isEmpty && record.title == "Record an off-cluster backup copy")
        #expect(await session.apply(record) == .applied(findingCleared: true, detail: "recorded"))
        #expect(try session.records.load().backupCopies.map(\.target) == ["dvp-south"])
    }

    @Test func addWindowThroughTheEngineAPIThenUndo() async throws {
        let (workspace, _) = try Self.workspace()
        let south = workspace.sessions[1]
        let state = await workspace.refreshAll()[1].state
        let window = try UpdateWindow.parse(days: "Tue", from: "4:00", to: "5:30")
        let plan = try south.planAddUpdateWindow(window, from: state)
        #expect(plan.changes[0].from == "Sat,Sun 03:00–06:00; Wed 22:00–02:00")
        #expect(plan.changes[0].to.hasSuffix("; Tue 04:00–05:30"))
        let patch = try #require(plan.commands[0].arguments.last)
        #expect(patch.contains(#"{"days":["Tue"],"from":"04:00","to":"05:30"}"#))
        #expect(patch.contains(#"{"days":["Sat","Sun"],"from":"03:00","to":"06:00"}"#), "the other windows are written back")
        guard case .accepted = await south.dryRun(plan) else { Issue.record("dry run rejected"); return }
        #expect(await south.apply(plan).succeeded)
        let added = await workspace.refreshAll()[1].state.deckhouse.value?.settings.value
        #expect(added?.windows.count == 3 && added?.windows.last == window)

        #expect(throws: FixRefusal("the cluster already has the window \(window.spec)")) {
            try south.planAddUpdateWindow(window, from: ClusterState.with(settings: added!, target: south.target))
        }
        let undo = try #require(await south.undoPlan(for: plan))
        #expect(await south.apply(undo).succeeded)
        #expect(await workspace.refreshAll()[1].state.deckhouse.value?.settings.value?.rawWindows.count == 2)
    }

    @Test func firstWindowOnAClusterWithNoneAndBackToNone() async throws {
        let adapter = try DemoScenario.deckhouse.makeAdapters(latencyMilliseconds: 0)[0]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dh-\(UUID().uuidString)").path
        let session = Session(adapter: adapter, audit: try AuditLog(path: dir + "/a.jsonl"), verifyTimeoutSeconds: 2)
        // Clear north's windows out of band, as an operator might.
        let kube = try #require(adapter.target.kube)
        _ = try await adapter.runner.run(kube.kubectl(["patch", "mc", "deckhouse", "--type=merge", "-p", #"{"spec":{"settings":{"update":{"windows":null}}}}"#]))
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "DH-UPDATE-WINDOWS" })
        #expect(finding.verdict == .fail)
        let plan = try #require(await session.plan(for: finding))
        #expect(plan.preconditions[0].jsonPath.last == "0" && plan.preconditions[0].expected == nil)
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "DH-UPDATE-WINDOWS cleared"))
        let undo = try #require(await session.undoPlan(for: plan))
        #expect(undo.commands[0].arguments.last == #"{"spec":{"settings":{"update":{"windows":null}}}}"#)
        #expect(await session.apply(undo).succeeded)
        #expect(await session.refresh().findings.first { $0.rule.id == "DH-UPDATE-WINDOWS" }?.verdict == .fail)
    }

    @Test func staleChannelIsRefusedAndStrategicPatchIsRejected() async throws {
        let (workspace, _) = try Self.workspace()
        let north = workspace.sessions[0]
        let finding = try #require(await workspace.refreshAll()[0].findings.first { $0.rule.id == "DH-RELEASE-CHANNEL" })
        let plan = try #require(await north.plan(for: finding))
        let kube = try #require(north.target.kube)
        // A strategic merge patch (kubectl's default) is refused on a custom resource.
        await #expect(throws: RunError.self) {
            try await north.adapter.runner.run(kube.kubectl(["patch", "mc", "deckhouse", "-p", #"{"spec":{"settings":{"releaseChannel":"Beta"}}}"#]))
        }
        _ = try await north.adapter.runner.run(kube.kubectl(["patch", "mc", "deckhouse", "--type=merge", "-p", #"{"spec":{"settings":{"releaseChannel":"Beta"}}}"#]))
        guard case .refused(let reason) = await north.apply(plan) else { Issue.record("expected refusal"); return }
        #expect(reason.contains("changed since preview") && reason.contains("Beta"))
    }

    @Test func refreshingOneClusterComparesWithTheOthersLastState() async throws {
        let (workspace, _) = try Self.workspace()
        let all = await workspace.refreshAll()
        let south = await Refresher.refresh(workspace.sessions[1], others: [ClusterView(target: workspace.targets[0], state: all[0].state)])
        let peers = try #require(south.state.deckhouse.value?.peers)
        #expect(peers.map(\.name) == ["dvp-north"] && peers[0].settings?.releaseChannel == "Alpha")
        let alone = await Refresher.refresh(workspace.sessions[1], others: [ClusterView(target: workspace.targets[0], state: nil)])
        #expect(alone.state.deckhouse.value?.peers.first?.settings == nil)
        #expect(alone.findings.first { $0.rule.id == "DH-WINDOWS-OVERLAP" }?.message.contains("could not compare with dvp-north") == true)
    }

    @Test func singleClusterScenariosStillGiveOneAdapter() throws {
        #expect(try DemoScenario.workflow.makeAdapters(latencyMilliseconds: 0).count == 1)
        #expect(DemoScenario.workflow.clusterJSONs == [DemoScenario.workflow.json])
        #expect(DemoScenario.deckhouse.clusterJSONs.count == 2)
        #expect(try DemoScenario.deckhouse.makeAdapter(latencyMilliseconds: 0).target.name == "dvp-north")
    }
}

extension ClusterState {
    /// A Deckhouse state holding only update settings, for planner checks.
    static func with(settings: DeckhouseUpdateSettings, target: Target) -> ClusterState {
        var state = ClusterState(target: target)
        var deckhouse = DeckhouseState()
        deckhouse.settings = .loaded(settings)
        state.deckhouse = .loaded(deckhouse)
        return state
    }
}
