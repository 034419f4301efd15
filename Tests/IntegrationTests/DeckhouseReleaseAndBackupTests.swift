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

/// The real kubectl against the Kubernetes API test server for the Deckhouse fixes that are
/// not ModuleConfig patches: approving a DeckhouseRelease (`kubectl patch deckhouserelease
/// --type=merge`), and running the etcd backup CronJob now (`kubectl create job
/// --from=cronjob/…`, then `kubectl wait` on the Job the server's job controller finishes).
@Suite(.serialized) struct DeckhouseReleaseAndBackupTests {
    static func releases(_ server: KubeAPIServerProcess) async throws -> [[String: Any]] {
        let objects = try await server.state()["objects"] as? [String: Any] ?? [:]
        return objects[DeckhouseNames.releases] as? [[String: Any]] ?? []
    }

    static func approved(_ name: String, _ server: KubeAPIServerProcess) async throws -> Bool? {
        try await releases(server).first { ($0["metadata"] as? [String: Any])?["name"] as? String == name }?["approved"] as? Bool
    }

    @Test func approveAWaitingReleaseThenWithdraw() async throws {
        let f = try await DeckhouseIntegrationTests.fixture()
        defer { f.server.stop() }
        let finding = try #require(await f.session.refresh().findings.first { $0.rule.id == "DH-RELEASE-APPROVAL" })
        #expect(finding.verdict == .fail && finding.subject == "deckhouserelease/v1.69.0")
        let plan = try #require(await f.session.plan(for: finding))
        #expect(plan.risk == .high)
        try await f.server.resetRequests()
        #expect(await f.session.dryRun(plan) == .accepted(["deckhouserelease.deckhouse.io/v1.69.0 patched"]))
        #expect(try await Self.approved("v1.69.0", f.server) == false, "a dry run stores nothing")
        let patches = try await f.server.requests().filter { $0["method"] as? String == "PATCH" }
        #expect(patches.count == 1 && patches[0]["contentType"] as? String == "application/merge-patch+json")
        #expect(patches[0]["path"] as? String == DeckhouseNames.releasePath("v1.69.0") && patches[0]["dryRun"] as? Bool == true)
        #expect(await f.session.apply(plan) == .applied(findingCleared: true, detail: "DH-RELEASE-APPROVAL cleared"))
        #expect(try await Self.approved("v1.69.0", f.server) == true)
        let undo = try #require(await f.session.undoPlan(for: plan))
        #expect(await f.session.apply(undo).succeeded)
        #expect(try await Self.approved("v1.69.0", f.server) == false)
        #expect(await f.session.refresh().findings.first { $0.rule.id == "DH-RELEASE-APPROVAL" }?.verdict == .fail)
    }

    /// A release that is no longer Pending when the fix runs is refused by the precondition.
    @Test func aReleaseDeployedMeanwhileIsRefused() async throws {
        let f = try await DeckhouseIntegrationTests.fixture()
        defer { f.server.stop() }
        let finding = try #require(await f.session.refresh().findings.first { $0.rule.id == "DH-RELEASE-APPROVAL" })
        let plan = try #require(await f.session.plan(for: finding))
        _ = try await f.server.control("/_control/put-object", ["path": DeckhouseNames.releases, "object": [
            "metadata": ["name": "v1.69.0"], "approved": true, "spec": ["version": "v1.69.0"], "status": ["phase": "Deployed"]]])
        guard case .refused(let reason) = await f.session.apply(plan) else { Issue.record("expected a refusal"); return }
        #expect(reason.contains("changed since preview") && reason.contains("Deployed"))
    }

    /// The state of the demo's south cluster three days on: its last etcd backup is stale.
    static func staleSouth() -> String {
        DeckhouseScenario.json(cluster: 1, now: Date().addingTimeInterval(-3 * 86_400))
    }

    @Test func runTheBackupCronJobNowAndWaitForItsJob() async throws {
        let f = try await DeckhouseIntegrationTests.fixture(cluster: 1, stateJSON: Self.staleSouth())
        defer { f.server.stop() }
        let stale = try #require(await f.session.refresh().findings.first { $0.rule.id == "DH-ETCD-BACKUP" })
        #expect(stale.verdict == .fail && stale.fix == .runScheduledJobs(namespace: "kube-system", names: ["d8-etcd-backup-0c1f7e2d"]))
        let plan = try #require(await f.session.plan(for: stale))
        try await f.server.resetRequests()
        guard case .accepted(let answer) = await f.session.dryRun(plan) else { Issue.record("dry run rejected"); return }
        #expect(answer.count == 1 && answer[0].hasSuffix("created (server dry run)"), "\(answer)")
        let dryWrites = try await f.server.requests().filter { $0["write"] as? Bool == true }
        #expect(dryWrites.count == 1 && dryWrites[0]["dryRun"] as? Bool == true && dryWrites[0]["path"] as? String == "/apis/batch/v1/namespaces/kube-system/jobs")
        try await f.server.control("/_control/jobs", ["delaySeconds": 1.0, "outcome": "complete"])
        #expect(await f.session.apply(plan) == .applied(findingCleared: true, detail: "DH-ETCD-BACKUP cleared"))
        // The Job took the CronJob's template and an owner reference to it, as kubectl builds it.
        let objects = try await f.server.state()["objects"] as? [String: Any] ?? [:]
        let jobs = objects[DeckhouseNames.jobs] as? [[String: Any]] ?? []
        #expect(jobs.count == 1)
        let metadata = jobs.first?["metadata"] as? [String: Any]
        #expect((metadata?["name"] as? String)?.hasPrefix("d8-etcd-backup-0c1f7e2d-manual-") == true)
        #expect(((metadata?["ownerReferences"] as? [[String: Any]])?.first?["name"] as? String) == "d8-etcd-backup-0c1f7e2d")
        #expect(plan.intent.inverse == nil)
    }

    @Test func aFailedBackupJobIsReportedAsFailed() async throws {
        let f = try await DeckhouseIntegrationTests.fixture(cluster: 1, stateJSON: Self.staleSouth())
        defer { f.server.stop() }
        let stale = try #require(await f.session.refresh().findings.first { $0.rule.id == "DH-ETCD-BACKUP" })
        let plan = try #require(await f.session.plan(for: stale))
        try await f.server.control("/_control/jobs", ["delaySeconds": 0.5, "outcome": "fail"])
        guard case .failed(let reason) = await f.session.apply(plan) else { Issue.record("a failed Job counted as a backup"); return }
        #expect(reason.contains("did not read back") && reason.contains("succeeded"), "\(reason)")
        #expect(await f.session.refresh().findings.first { $0.rule.id == "DH-ETCD-BACKUP" }?.verdict == .fail)
    }
}
