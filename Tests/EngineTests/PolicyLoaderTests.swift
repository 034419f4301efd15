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

@Suite struct PolicyLoaderTests {
    let loader = PolicyLoader(knownRules: ["WF-GRAFANA-SIGNUP", "NODES-READY", "WF-MINIO"])

    @Test func readsSeveritiesDisabledRulesSuppressionsAndThresholds() throws {
        let policy = try loader.parse("""
        rules:
          WF-GRAFANA-SIGNUP: {severity: critical}
          WF-MINIO:
            enabled: false
        suppress:
          - rule: NODES-READY
            object: demo-node-3
            reason: being replaced (OPS-123)
            expires: 2099-12-31
        thresholds:
          certificateWarningDays: 45
          minRouterReplicas: 3
        """, file: "p.yaml")
        #expect(policy.severityOverrides["WF-GRAFANA-SIGNUP"] == .critical)
        #expect(policy.disabledRules == ["WF-MINIO"])
        #expect(policy.suppressions.count == 1)
        #expect(policy.suppressions[0].reason == "being replaced (OPS-123)")
        #expect(policy.certificateWarningDays == 45)
        #expect(policy.minRouterReplicas == 3)
    }

    @Test(arguments: [
        ("rules:\n  WF-GRAFANA-SIGNUP:\n    sevrity: critical\n", 3, "unknown key 'sevrity'"),
        ("rules:\n  WF-NOPE: {severity: error}\n", 2, "unknown rule id 'WF-NOPE'"),
        ("rulez: {}\n", 1, "unknown key 'rulez'"),
        ("suppress:\n  - rule: NODES-READY\n    object: n1\n", 2, "needs a reason"),
        ("thresholds:\n  certificateWarningDayz: 3\n", 2, "unknown threshold"),
        ("rules:\n  WF-MINIO: {severity: urgent}\n", 2, "severity must be one of"),
        ("suppress:\n  - rule: NODES-READY\n    object: n1\n    reason: r\n    expires: someday\n", 5, "expires must be a date"),
    ])
    func errorsNameTheLine(yaml: String, line: Int, message: String) {
        do {
            _ = try loader.parse(yaml, file: "p.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.line == line)
            #expect(error.description.contains("p.yaml:\(line):"))
            #expect(error.message.contains(message))
        }
    }

    @Test func suppressedFindingsStayReportedButDoNotFail() {
        var policy = Policy.default
        policy.suppressions = [Suppression(rule: "NODES-READY", object: "b", reason: "replacing")]
        let state = StateBuilders.state(nodes: [StateBuilders.node("b", ready: false)])
        let findings = RuleEngine(rules: [NodesReadyRule()], policy: policy).evaluate(state)
        #expect(findings.count == 1)
        #expect(findings[0].verdict == .fail)
        #expect(findings[0].suppression?.reason == "replacing")
        #expect(!findings[0].isOpenFailure)
        let report = CheckReport(snapshot: Snapshot(state: state, findings: findings, duration: .zero), failOn: .info)
        #expect(report.exitStatus == 0)
        #expect(report.table().contains("SUPPRESSED"))
    }

    @Test func expiredSuppressionCountsAgain() {
        var policy = Policy.default
        policy.suppressions = [Suppression(rule: "NODES-READY", object: "*", reason: "r", expires: Date(timeIntervalSince1970: 0))]
        let state = StateBuilders.state(nodes: [StateBuilders.node("b", ready: false)])
        #expect(RuleEngine(rules: [NodesReadyRule()], policy: policy).evaluate(state)[0].isOpenFailure)
    }
}
