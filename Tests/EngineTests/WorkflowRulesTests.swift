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

@Suite struct WorkflowRulesTests {
    let policy = Policy.default

    @Test func routerWithOneReplicaFailsWithScaleFix() {
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-router", replicas: 1)],
                                        pods: [StateBuilders.pod("r1", node: "n1")])
        let findings = RouterScaleRule().evaluate(state, policy: policy)
        #expect(findings.count == 1)
        #expect(findings[0].verdict == .fail)
        #expect(findings[0].fix == .scale(workload: "deis/deis-router", from: 1, to: 2))
    }

    @Test func routerOnOneNodeFailsWithoutFix() {
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-router", replicas: 2)],
                                        pods: [StateBuilders.pod("r1", node: "n1"), StateBuilders.pod("r2", node: "n1")])
        let finding = RouterScaleRule().evaluate(state, policy: policy)[0]
        #expect(finding.verdict == .fail)
        #expect(finding.message.contains("1 node"))
        #expect(finding.fix == nil)
    }

    @Test func routerSpreadPasses() {
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-router", replicas: 2)],
                                        pods: [StateBuilders.pod("r1", node: "n1"), StateBuilders.pod("r2", node: "n2")])
        #expect(RouterScaleRule().evaluate(state, policy: policy)[0].verdict == .pass)
    }

    @Test func routerNotReadyFails() {
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-router", replicas: 2, ready: 1)])
        #expect(RouterScaleRule().evaluate(state, policy: policy)[0].verdict == .fail)
    }

    @Test func unreadableDeploymentsGiveErrorVerdict() {
        var state = StateBuilders.state()
        state.kubernetes.deployments = .failed(ProbeError(.forbidden, "deployments: access denied"))
        for rule in [RouterScaleRule(), RegistrationRule(), GrafanaSignupRule()] as [any Rule] {
            let finding = rule.evaluate(state, policy: policy)[0]
            #expect(finding.verdict == .error)
            #expect(finding.message.contains("access denied"))
        }
    }

    @Test(arguments: [("enabled", Verdict.fail), ("admin_only", .pass), ("disabled", .pass)])
    func registrationModes(mode: String, verdict: Verdict) {
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-controller", env: ["REGISTRATION_MODE": mode])])
        #expect(RegistrationRule().evaluate(state, policy: policy)[0].verdict == verdict)
    }

    @Test func registrationMissingMeansEnabledAndOffersAdminOnly() {
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-controller")])
        let finding = RegistrationRule().evaluate(state, policy: policy)[0]
        #expect(finding.verdict == .fail)
        #expect(finding.fix == .setSetting(Setting(scope: "deis/deis-controller", key: "REGISTRATION_MODE", container: "deis-controller"),
                                           from: nil, to: "admin_only"))
    }

    @Test func registrationToggleBetweenAdminOnlyAndDisabled() {
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-controller", env: ["REGISTRATION_MODE": "admin_only"])])
        let fix = RegistrationRule().evaluate(state, policy: policy)[0].fix
        #expect(fix == .setSetting(Setting(scope: "deis/deis-controller", key: "REGISTRATION_MODE", container: "deis-controller"),
                                   from: "admin_only", to: "disabled"))
    }

    @Test func grafanaSignupDefaultsToOn() {
        let on = StateBuilders.state(deployments: [StateBuilders.deployment("deis-monitor-grafana")])
        #expect(GrafanaSignupRule().evaluate(on, policy: policy)[0].verdict == .fail)
        let off = StateBuilders.state(deployments: [StateBuilders.deployment("deis-monitor-grafana", env: ["ALLOW_SIGN_UP": "false"])])
        #expect(GrafanaSignupRule().evaluate(off, policy: policy)[0].verdict == .pass)
    }

    @Test func minioInClusterFails() {
        let secret = KubeSecretMeta(name: "objectstorage-keyfile", type: "Opaque", annotations: ["deis.io/objectstorage": "minio"])
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-minio")], secrets: [secret])
        #expect(MinioRule().evaluate(state, policy: policy)[0].verdict == .fail)
        let s3 = KubeSecretMeta(name: "objectstorage-keyfile", type: "Opaque", annotations: ["deis.io/objectstorage": "s3"])
        #expect(MinioRule().evaluate(StateBuilders.state(secrets: [s3]), policy: policy)[0].verdict == .pass)
        #expect(MinioRule().evaluate(StateBuilders.state(), policy: policy)[0].verdict == .manual)
    }

    @Test func tlsCertificateAges() {
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let rule = TLSRule(now: { now })
        func state(daysLeft: Double?) -> ClusterState {
            let secret = KubeSecretMeta(name: "deis-router-platform-cert", type: "kubernetes.io/tls",
                                        certificateNotAfter: daysLeft.map { now.addingTimeInterval($0 * 86_400) })
            return StateBuilders.state(secrets: [secret])
        }
        #expect(rule.evaluate(StateBuilders.state(), policy: policy)[0].verdict == .fail)
        #expect(rule.evaluate(state(daysLeft: 90), policy: policy)[0].verdict == .pass)
        #expect(rule.evaluate(state(daysLeft: 10), policy: policy)[0].message.contains("expires in 10"))
        #expect(rule.evaluate(state(daysLeft: -3), policy: policy)[0].message.contains("expired"))
        #expect(rule.evaluate(state(daysLeft: nil), policy: policy)[0].verdict == .fail)
    }

    @Test func rbacOnlyMattersWhenServed() {
        #expect(RBACRule().evaluate(StateBuilders.state(groups: ["apps"]), policy: policy)[0].verdict == .notApplicable)
        let served = ["apps", "rbac.authorization.k8s.io"]
        #expect(RBACRule().evaluate(StateBuilders.state(groups: served, roles: ["cluster-admin"]), policy: policy)[0].verdict == .fail)
        #expect(RBACRule().evaluate(StateBuilders.state(groups: served, roles: ["deis:deis-controller"]), policy: policy)[0].verdict == .pass)
    }

    @Test func nodesReadyReportsEachBadNode() {
        let state = StateBuilders.state(nodes: [StateBuilders.node("a"), StateBuilders.node("b", ready: false), StateBuilders.node("c", ready: nil)])
        let findings = NodesReadyRule().evaluate(state, policy: policy)
        #expect(findings.map(\.subject) == ["b", "c"])
        #expect(findings.allSatisfy { $0.verdict == .fail })
    }

    @Test func policyOverridesAndSuppressions() {
        var policy = Policy.default
        policy.severityOverrides["WF-GRAFANA-SIGNUP"] = .critical
        policy.disabledRules = ["NODES-READY"]
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-monitor-grafana")], nodes: [StateBuilders.node("x", ready: false)])
        let findings = RuleEngine(rules: [GrafanaSignupRule(), NodesReadyRule()], policy: policy).evaluate(state)
        #expect(findings.map(\.rule.id) == ["WF-GRAFANA-SIGNUP"])
        #expect(findings[0].severity == .critical)
    }
}
