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

/// The whole fix cycle on the demo sandbox: plan, dry run, apply, verify, undo, audit.
@Suite struct FixFlowTests {
    static func session() throws -> (Session, AuditLog, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shipshape-\(UUID().uuidString)").path
        let audit = try AuditLog(path: dir + "/audit.jsonl")
        let adapter = try DemoScenario.workflow.makeAdapter(latencyMilliseconds: 0)
        return (Session(adapter: adapter, audit: audit, verifyTimeoutSeconds: 2), audit, dir + "/audit.jsonl")
    }

    @Test func routerFixClearsAndUndoRestores() async throws {
        let (session, _, path) = try Self.session()
        let before = await session.refresh()
        let finding = try #require(before.findings.first { $0.rule.id == "WF-ROUTER-SCALE" })
        #expect(finding.verdict == .fail)
        let plan = try #require(await session.plan(for: finding))
        #expect(plan.commands[0].argv == ["kubectl", "--kubeconfig", "(demo)", "--context", "demo",
                                          "--namespace=deis", "scale", "--replicas=2", "deployment/deis-router"])
        #expect(await session.dryRun(plan) == .accepted(["deployment.apps/deis-router scaled (server dry run)"]))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "WF-ROUTER-SCALE cleared"))
        let after = await session.refresh()
        #expect(after.state.kubernetes.deployment("deis-router")?.desiredReplicas == 2)
        #expect(after.findings.first { $0.rule.id == "WF-ROUTER-SCALE" }?.verdict == .pass)

        let undo = try #require(await session.undoPlan(for: plan))
        #expect(undo.undoes == plan.id)
        #expect(await session.apply(undo).succeeded)
        #expect(await session.refresh().state.kubernetes.deployment("deis-router")?.desiredReplicas == 1)

        let steps = try AuditLog.read(path: path).map(\.step)
        #expect(steps.filter { $0 == .planned }.count == 1)
        #expect(steps.contains(.dryRun) && steps.contains(.run) && steps.contains(.verify) && steps.contains(.applied) && steps.contains(.undo))
    }

    @Test func registrationFixSetsAdminOnly() async throws {
        let (session, _, _) = try Self.session()
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "WF-REGISTRATION" })
        let plan = try #require(await session.plan(for: finding))
        #expect(plan.changes[0].from == "enabled" && plan.changes[0].to == "admin_only")
        #expect(await session.apply(plan).succeeded)
        let controller = await session.refresh().state.kubernetes.deployment("deis-controller")
        #expect(controller?.env("REGISTRATION_MODE")?.value == "admin_only")
    }

    @Test func staleStateIsRefused() async throws {
        let (session, _, path) = try Self.session()
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "WF-ROUTER-SCALE" })
        let plan = try #require(await session.plan(for: finding))
        // Someone else scales the router between preview and confirmation.
        _ = try await session.adapter.runner.run(KubeTarget(kubeconfig: "(demo)", context: "demo")
            .kubectl(["--namespace=deis", "scale", "--replicas=3", "deployment/deis-router"]))
        guard case .refused(let reason) = await session.apply(plan) else { Issue.record("expected refusal"); return }
        #expect(reason.contains("changed since preview"))
        #expect(await session.refresh().state.kubernetes.deployment("deis-router")?.desiredReplicas == 3)
        #expect(try AuditLog.read(path: path).contains { $0.step == .refused })
    }

    @Test func sandboxRefusesUnpinnedCalls() async throws {
        let adapter = try DemoScenario.workflow.makeAdapter(latencyMilliseconds: 0)
        await #expect(throws: RunError.self) {
            try await adapter.runner.run(Command("kubectl", ["get", "--raw", "/api/v1/nodes"]))
        }
    }

    @Test func auditLogIsFlushedPerEntry() throws {
        let (_, audit, path) = try Self.session()
        let plan = FixPlan(ruleID: "R", subject: "s", title: "t", risk: .low, intent: .etcdSnapshot, changes: [], commands: [],
                           dryRunCommands: [], preconditions: [], postconditions: [])
        try audit.append(AuditEntry(target: StateBuilders.target, plan: plan, step: .planned, ok: true, detail: "one"))
        #expect(try AuditLog.read(path: path).count == 1)
        try audit.append(AuditEntry(target: StateBuilders.target, plan: plan, step: .run, ok: true, detail: "two"))
        #expect(try AuditLog.read(path: path).map(\.detail) == ["one", "two"])
    }
}

/// How a dry run's output is shown in the confirm dialog.
@Suite struct DryRunAnswerTests {
    @Test func oneLinePerLineSanitisedAndCapped() {
        let text = (1...15).map { "task.\($0): Running\u{1B}[31m" }.joined(separator: "\n") + "\n\n"
        let lines = FixExecutor.answerLines(text)
        #expect(lines.count == FixExecutor.answerLineLimit + 1)
        #expect(lines.first?.hasPrefix("task.1: Running") == true)
        #expect(!lines.contains { $0.contains("\u{1B}") })
        #expect(lines.last == "… and 3 more")
    }
}
