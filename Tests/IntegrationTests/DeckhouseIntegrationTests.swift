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

/// The real kubectl against the Kubernetes API test server serving the Deckhouse custom
/// resources: the probe reads them, the channel and window fixes change them there (merge
/// patches, server-side dry run first), verify and undo work, and two servers stand in for
/// two clusters for DH-WINDOWS-OVERLAP.
@Suite(.serialized) struct DeckhouseIntegrationTests {
    struct Fixture {
        let server: KubeAPIServerProcess
        let session: Session
        let auditPath: String
        let kube: KubeTarget
    }

    static func fixture(cluster: Int = 0, stateJSON: String? = nil) async throws -> Fixture {
        let context = ["dvp-north", "dvp-south"][cluster]
        let server = try await KubeAPIServerProcess(stateJSON: stateJSON ?? DemoScenario.deckhouse.clusterJSONs[cluster], context: context)
        let runner = try WorkflowIntegrationTests.runner()
        let kube = try await KubeTargetResolver(runner: runner).resolve(kubeconfig: server.kubeconfig, context: nil)
        let audit = try AuditLog(path: server.directory + "/state/audit.jsonl")
        let adapter = DeckhouseAdapter(target: Target(name: kube.context, platform: .deckhouse, kube: kube), kube: kube, runner: runner)
        return Fixture(server: server, session: Session(adapter: adapter, audit: audit, verifyTimeoutSeconds: 10), auditPath: audit.path, kube: kube)
    }

    /// `spec.settings` of ModuleConfig `deckhouse` as the server stores it.
    static func settings(_ server: KubeAPIServerProcess) async throws -> [String: Any] {
        let objects = try await server.state()["objects"] as? [String: Any] ?? [:]
        let configs = objects[DeckhouseNames.moduleConfigs] as? [[String: Any]] ?? []
        let config = configs.first { ($0["metadata"] as? [String: Any])?["name"] as? String == "deckhouse" }
        return (config?["spec"] as? [String: Any])?["settings"] as? [String: Any] ?? [:]
    }

    static func windows(_ server: KubeAPIServerProcess) async throws -> [[String: Any]] {
        (try await settings(server)["update"] as? [String: Any])?["windows"] as? [[String: Any]] ?? []
    }

    @Test func probeReadsTheCustomResources() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        let snapshot = await f.session.refresh()
        #expect(snapshot.state.failures.isEmpty, "\(snapshot.state.failures)")
        let dh = try #require(snapshot.state.deckhouse.value)
        let settings = try #require(dh.settings.value)
        #expect(settings.releaseChannel == "Alpha" && settings.mode == "AutoPatch")
        #expect(settings.rawWindows == [UpdateWindowSpec(from: "01:00", to: "05:00", days: ["Sat"])])
        #expect(dh.releases.value?.first { $0.isDeployed }?.version == "v1.68.2")
        #expect(dh.kubernetesVersion.value == "Automatic")
        #expect(dh.nodes(with: .master).count == 2 && dh.nodes(with: .frontend).count == 1 && dh.nodes(with: .system).count == 2)
        #expect(dh.nodes.value?.first { $0.name == "dvp-north-system-0" }?.diskBytes == Int64(42_140_479_488))
        #expect(dh.nodeGroups.value?.map(\.name).sorted() == ["frontend", "master", "system", "worker"])
        #expect(dh.ingressControllers.value == [DeckhouseIngressController(name: "main", inlet: "HostWithFailover", ingressClass: "nginx")])
        #expect(dh.alertmanagers.value == [])
        #expect(dh.storageClass.value == .some(nil))
        #expect(dh.etcdBackupJobs.value?.count == 1)
        #expect(dh.ingressPods.value?.map(\.controller).sorted() == ["main", "main-failover"])
        #expect(dh.ingressPods.value?.first?.cpuRequestMillis == 370 && dh.ingressPods.value?.first?.memoryRequestBytes == 540 << 20)
        #expect(dh.releases.value?.first { $0.name == "v1.69.0" }?.requirements == ["k8s": "1.28"])
        #expect(dh.moduleSettings.value?.map(\.name).sorted() == ["deckhouse", "global"])
        #expect(snapshot.state.kubernetes.nodes.value?.count == 7)
        let failing = Set(snapshot.failing.map(\.rule.id))
        // DH-DR-PLAN and DH-BACKUP-OFFSITE fail too: no drill and no copy are recorded in this test's records.
        #expect(failing == ["DH-RELEASE-CHANNEL", "DH-MASTERS", "DH-NODE-RESOURCES", "DH-FRONTEND", "DH-STORAGECLASS", "DH-ALERTS", "DH-DR-PLAN",
                            "DH-CLUSTER-TOTALS", "DH-MONITORING-STORAGE", "DH-RELEASE-APPROVAL", "DH-BACKUP-OFFSITE"])
        // Every read was a GET through `kubectl get --raw` on the pinned context.
        let requests = try await f.server.requests()
        #expect(requests.allSatisfy { $0["method"] as? String == "GET" })
        let paths = Set(requests.compactMap { $0["path"] as? String })
        #expect(paths.isSuperset(of: [DeckhouseNames.deckhouseConfigPath, DeckhouseNames.releases, DeckhouseNames.clusterConfigurationSecret,
                                      DeckhouseNames.nodeGroups, DeckhouseNames.ingressControllers, DeckhouseNames.alertmanagers,
                                      DeckhouseNames.globalConfigPath, DeckhouseNames.cronJobs, DeckhouseNames.jobs, DeckhouseNames.moduleConfigs,
                                      "/api/v1/namespaces/d8-ingress-nginx/pods", "/api/v1/nodes"]))
        // NodeGroup and IngressNginxController are read at v1, the version Deckhouse stores them at;
        // the scenario stores them under v1alpha1, which the server (like Deckhouse) also serves.
        #expect(paths.contains("/apis/deckhouse.io/v1/nodegroups") && !paths.contains("/apis/deckhouse.io/v1alpha1/nodegroups"))
        // The secret's other keys never reach the state.
        #expect(!String(describing: snapshot.state).contains("never-read-this-value"))
    }

    @Test func channelFixChangesTheServerThenVerifyAndUndo() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        let finding = try #require(await f.session.refresh().findings.first { $0.rule.id == "DH-RELEASE-CHANNEL" })
        let plan = try #require(await f.session.plan(for: finding))
        try await f.server.resetRequests()
        let answer = await f.session.dryRun(plan)
        #expect(answer == .accepted(["moduleconfig.deckhouse.io/deckhouse patched"]), "\(answer)")
        #expect(try await Self.settings(f.server)["releaseChannel"] as? String == "Alpha", "a dry run stores nothing")
        let dry = try await f.server.requests().filter { $0["method"] as? String == "PATCH" }
        #expect(dry.count == 1)
        #expect(dry.first?["contentType"] as? String == "application/merge-patch+json")
        #expect((dry.first?["query"] as? String)?.contains("dryRun=All") == true)
        #expect(dry.first?["path"] as? String == DeckhouseNames.deckhouseConfigPath)

        #expect(await f.session.apply(plan) == .applied(findingCleared: true, detail: "DH-RELEASE-CHANNEL cleared"))
        #expect(try await Self.settings(f.server)["releaseChannel"] as? String == "Stable")
        #expect(try await Self.windows(f.server).count == 1, "a merge patch leaves the rest of the settings alone")

        let undo = try #require(await f.session.undoPlan(for: plan))
        #expect(undo.risk == .high)
        #expect(await f.session.apply(undo).succeeded)
        #expect(try await Self.settings(f.server)["releaseChannel"] as? String == "Alpha")
        let steps = try AuditLog.read(path: f.auditPath).filter { $0.fixID == plan.id }.map(\.step)
        #expect(steps == [.planned, .dryRun, .confirmed, .precondition, .run, .verify, .applied])
        #expect(try AuditLog.read(path: f.auditPath).allSatisfy { $0.context == "dvp-north" })
    }

    @Test func aStrategicMergePatchIsRefusedOnTheCustomResource() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        let runner = try WorkflowIntegrationTests.runner()
        await #expect(throws: RunError.self) {
            try await runner.run(f.kube.kubectl(["patch", "mc", "deckhouse", "-p", #"{"spec":{"settings":{"releaseChannel":"Beta"}}}"#]))
        }
        #expect(try await Self.settings(f.server)["releaseChannel"] as? String == "Alpha")
    }

    @Test func windowFixAddsOnTheServerAndUndoRemovesIt() async throws {
        let f = try await Self.fixture(cluster: 1)
        defer { f.server.stop() }
        let state = await f.session.refresh().state
        let plan = try f.session.planAddUpdateWindow(try UpdateWindow.parse(days: "Mon-Fri", from: "23:00", to: "1:00"), from: state)
        guard case .accepted = await f.session.dryRun(plan) else { Issue.record("dry run rejected"); return }
        #expect(try await Self.windows(f.server).count == 2)
        #expect(await f.session.apply(plan).succeeded)
        let windows = try await Self.windows(f.server)
        #expect(windows.count == 3)
        #expect(windows.last?["from"] as? String == "23:00" && windows.last?["to"] as? String == "01:00")
        #expect(windows.last?["days"] as? [String] == ["Mon", "Tue", "Wed", "Thu", "Fri"])
        #expect(windows.first?["days"] as? [String] == ["Sat", "Sun"], "the other windows were written back as they were")
        let after = await f.session.refresh().state.deckhouse.value?.settings.value
        #expect(after?.schedule.covers(day: .sat, hour: 0) == true, "Fri 23:00 runs into Saturday")

        let undo = try #require(await f.session.undoPlan(for: plan))
        #expect(await f.session.apply(undo).succeeded)
        #expect(try await Self.windows(f.server).count == 2)
    }

    @Test func aWindowChangedOnTheServerMeanwhileIsRefused() async throws {
        let f = try await Self.fixture(cluster: 1)
        defer { f.server.stop() }
        let state = await f.session.refresh().state
        let plan = try f.session.planAddUpdateWindow(try UpdateWindow.parse(days: "Tue", from: "4:00", to: "5:00"), from: state)
        // Someone else edits the windows between preview and confirmation.
        let runner = try WorkflowIntegrationTests.runner()
        _ = try await runner.run(f.kube.kubectl(["patch", "mc", "deckhouse", "--type=merge", "-p",
                                                 #"{"spec":{"settings":{"update":{"windows":[{"from":"2:00","to":"3:00"}]}}}}"#]))
        guard case .refused(let reason) = await f.session.apply(plan) else { Issue.record("expected refusal"); return }
        #expect(reason.contains("changed since preview"))
        #expect(try await Self.windows(f.server).count == 1)
    }

    @Test func twoServersStandInForTwoClustersForTheOverlapRule() async throws {
        let north = try await Self.fixture(cluster: 0)
        let south = try await Self.fixture(cluster: 1)
        defer { north.server.stop(); south.server.stop() }
        let workspace = Workspace(sessions: [north.session, south.session])
        let before = await workspace.refreshAll()
        #expect(before.map { $0.findings.first { $0.rule.id == "DH-WINDOWS-OVERLAP" }?.verdict } == [.pass, .pass])

        let finding = try #require(before[0].findings.first { $0.rule.id == "DH-RELEASE-CHANNEL" })
        let plan = try #require(await north.session.plan(for: finding))
        try await south.server.resetRequests()
        #expect(await north.session.apply(plan).succeeded)
        let southPatches = try await south.server.requests().filter { $0["method"] as? String != "GET" }
        #expect(southPatches.isEmpty, "the fix for dvp-north never reached dvp-south")

        let after = await workspace.refreshAll()
        for (snapshot, other) in zip(after, ["dvp-south", "dvp-north"]) {
            let overlap = try #require(snapshot.findings.first { $0.rule.id == "DH-WINDOWS-OVERLAP" })
            #expect(overlap.verdict == .fail)
            #expect(overlap.message.contains("\(other) (Sat 03:00–05:00)"), "\(overlap.message)")
        }
        // Moving south's Saturday window away clears it for both.
        let southState = after[1].state
        let remove = FixIntent.removeUpdateWindow(window: UpdateWindowSpec(from: "03:00", to: "06:00", days: ["Sat", "Sun"]),
                                                  existing: southState.deckhouse.value?.settings.value?.rawWindows ?? [])
        let removal = try south.session.plan(remove, ruleID: "DH-WINDOWS-OVERLAP", subject: "update windows", state: southState).get()
        #expect(await south.session.apply(removal).succeeded)
        let cleared = await workspace.refreshAll()
        #expect(cleared.map { $0.findings.first { $0.rule.id == "DH-WINDOWS-OVERLAP" }?.verdict } == [.pass, .pass])
    }

    @Test func aForbiddenSecretDarkensOnlyTheKubernetesVersion() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        try await f.server.setFault("forbidden", paths: ["/api/v1/namespaces/kube-system/secrets"])
        let snapshot = await f.session.refresh()
        let error = try #require(snapshot.state.deckhouse.value?.kubernetesVersion.error)
        #expect(error.kind == .forbidden && error.message.contains("ClusterConfiguration"))
        #expect(snapshot.findings.first { $0.rule.id == "DH-K8S-VERSION" }?.verdict == .error)
        #expect(snapshot.findings.first { $0.rule.id == "DH-RELEASE-CHANNEL" }?.verdict == .fail)
        #expect(snapshot.state.failures.count == 1)
    }

    @Test func malformedWindowsFromTheServerGiveAClearMessage() async throws {
        let json = DemoScenario.deckhouse.clusterJSONs[1]
            .replacingOccurrences(of: #""from" : "03:00""#, with: #""from" : "25:00""#)
            .replacingOccurrences(of: #""Wed""#, with: #""Caturday""#)
        #expect(json.contains("25:00") && json.contains("Caturday"))
        let f = try await Self.fixture(cluster: 1, stateJSON: json)
        defer { f.server.stop() }
        let snapshot = await f.session.refresh()
        let settings = try #require(snapshot.state.deckhouse.value?.settings.value)
        #expect(settings.windows.isEmpty && settings.windowProblems.count == 2)
        let finding = try #require(snapshot.findings.first { $0.rule.id == "DH-UPDATE-WINDOWS" })
        #expect(finding.verdict == .fail)
        #expect(finding.message.contains("\"25:00\" is not a time of day") && finding.message.contains("\"Caturday\" is not a day"))
    }

    @Test func detectionNeedsTheGroupAndTheModuleConfig() async throws {
        let deckhouse = try await KubeAPIServerProcess(stateJSON: DemoScenario.deckhouse.clusterJSONs[0])
        let workflow = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        defer { deckhouse.stop(); workflow.stop() }
        let runner = try WorkflowIntegrationTests.runner()
        let a = try await KubeTargetResolver(runner: runner).resolve(kubeconfig: deckhouse.kubeconfig, context: nil)
        let b = try await KubeTargetResolver(runner: runner).resolve(kubeconfig: workflow.kubeconfig, context: nil)
        #expect(await DeckhouseDetection.detect(runner: runner, target: a) == .confirmed("serves deckhouse.io and has ModuleConfig deckhouse"))
        // The test server serves the deckhouse.io group for every state, but this one has no ModuleConfig.
        #expect(await DeckhouseDetection.detect(runner: runner, target: b)
                == .rejected("deckhouse.io is served but ModuleConfig deckhouse does not exist"))
    }

    @Test func aClusterWithoutTheGroupSaysSo() async throws {
        let json = DemoScenario.deckhouse.clusterJSONs[0].replacingOccurrences(of: #""deckhouse.io""#, with: #""example.com""#)
        let f = try await Self.fixture(stateJSON: json)
        defer { f.server.stop() }
        let snapshot = await f.session.refresh()
        let error = try #require(snapshot.state.deckhouse.value?.settings.error)
        #expect(error.message.contains("deckhouse.io API group is not served"))
        #expect(snapshot.findings.first { $0.rule.id == "DH-RELEASE-CHANNEL" }?.verdict == .error)
    }
}
