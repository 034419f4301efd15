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

/// Each Deis Workflow rule on plain values. The tests quote the sentence of the Workflow guide
/// (seed 002) they encode, checked against the guide's own line.
@Suite struct WorkflowRulesTests {
    let policy = Policy.default
    typealias Q = GuideQuote

    @Test func everyCatalogueRuleIsPresentOnce() {
        #expect(WorkflowRuleList.all.map(\.info.id) == ["WF-MINIO", "WF-SECURITY", "WF-REGISTRATION", "WF-GRAFANA-SIGNUP", "WF-TLS",
                                                       "WF-ROUTER-SCALE", "WF-CNI", "WF-RBAC"])
        #expect(WorkflowRuleList.all.allSatisfy { $0.info.platforms == [.workflow] && $0.info.seed.hasPrefix("002") })
        // Not a Workflow cluster at all (no Kubernetes reads): every rule is silent.
        #expect(WorkflowRuleList.all.allSatisfy { $0.evaluate(ClusterState(target: StateBuilders.target), policy: .default).isEmpty })
    }

    @Test func securityIsAChecklistMarkedDoneStepByStep() throws {
        Q.workflow(12, "There are some additional security-related considerations when running Workflow in production.").verify()
        let rule = SecurityRule()
        let installed = StateBuilders.state(deployments: [StateBuilders.deployment("deis-controller")])
        let findings = rule.evaluate(installed, policy: policy)
        #expect(findings.count == SecurityRule.steps.count && findings.allSatisfy { $0.verdict == .manual })
        #expect(Set(findings.map(\.subject)).count == findings.count, "each step is marked on its own")
        #expect(findings.contains { $0.subject == "security: worker ports" && $0.message.contains("2222 and 9090") })
        #expect(rule.evaluate(StateBuilders.state(), policy: policy).map(\.verdict) == [.notApplicable])
        var records = ConsoleRecords()
        records.manualDone = [ManualDoneRecord(target: StateBuilders.target.name, ruleID: "WF-SECURITY", subject: "security: worker ports",
                                               doneAt: Date(), by: "ops", note: "checked by hand")]
        var state = installed
        state.records = .loaded(records)
        let judged = RuleEngine(rules: [rule]).evaluate(state)
        #expect(judged.filter { $0.verdict == .pass }.map(\.subject) == ["security: worker ports"])
        #expect(judged.filter { $0.verdict == .manual }.count == SecurityRule.steps.count - 1)
        var broken = StateBuilders.state()
        broken.kubernetes.deployments = .failed(ProbeError(.forbidden, "deployments: access denied"))
        #expect(rule.evaluate(broken, policy: policy).map(\.verdict) == [.error])
    }

    @Test func cniHostPortSymptom() {
        Q.workflow(29, "If you are using CNI for managing container network, you cannot use hostPort notation due to this issue.").verify()
        Q.workflow(30, "by adding --set global.use_cni=true to helm's args.").verify()
        let rule = CNIRule()
        func verdict(_ proxy: Loaded<WorkflowRegistryProxy?>) -> Finding? {
            var state = StateBuilders.state()
            var workflow = WorkflowState()
            workflow.registryProxy = proxy
            state.workflow = .loaded(workflow)
            return rule.evaluate(state, policy: policy).first
        }
        #expect(verdict(.loaded(nil))?.verdict == .notApplicable)
        #expect(verdict(.loaded(WorkflowRegistryProxy(hostNetwork: true, hostPorts: [], desired: 3, ready: 3)))?.verdict == .pass)
        let broken = verdict(.loaded(WorkflowRegistryProxy(hostNetwork: false, hostPorts: [5555], desired: 3, ready: 1, notReadyPods: ["p2", "p3"])))
        #expect(broken?.verdict == .fail && broken?.message.contains("global.use_cni=true") == true && broken?.message.contains("(p2, p3)") == true)
        #expect(verdict(.loaded(WorkflowRegistryProxy(hostNetwork: false, hostPorts: [5555], desired: 3, ready: 3)))?.verdict == .pass,
                "hostPort that works (a CNI with port mapping) is no symptom")
        #expect(verdict(.loaded(WorkflowRegistryProxy(hostNetwork: false, hostPorts: [5555], desired: 0, ready: 0)))?.verdict == .manual)
        #expect(verdict(.failed(ProbeError(.forbidden, "daemonsets: access denied")))?.verdict == .error)
        #expect(rule.evaluate(StateBuilders.state(), policy: policy).isEmpty, "not probed: silent")
    }

    @Test func workflowDecodesTheRegistryProxyDaemonSet() throws {
        let json = #"{"spec":{"template":{"spec":{"hostNetwork":true,"containers":[{"name":"p","ports":[{"containerPort":80}]}]}}},"status":{"desiredNumberScheduled":2,"numberReady":2}}"#
        let cni = try WorkflowDecoder.registryProxy(Array(json.utf8))
        #expect(cni.hostNetwork && cni.hostPorts.isEmpty && cni.desired == 2 && cni.ready == 2)
        let hostPort = try WorkflowDecoder.registryProxy(Array(#"{"spec":{"template":{"spec":{"containers":[{"ports":[{"containerPort":80,"hostPort":5555}]}]}}},"status":{}}"#.utf8))
        #expect(!hostPort.hostNetwork && hostPort.hostPorts == [5555] && hostPort.desired == 0)
    }

    @Test func routerWithOneReplicaFailsWithScaleFix() {
        Q.workflow(27, "kubectl --namespace=deis scale --replicas=2 deployment/deis-router").verify()
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
        Q.workflow(14, "By default, registration with the Workflow controller is in \"admin_only\" mode.").verify()
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
        Q.workflow(19, "It is also recommended to disable signups for the Grafana dashboards.").verify()
        let on = StateBuilders.state(deployments: [StateBuilders.deployment("deis-monitor-grafana")])
        #expect(GrafanaSignupRule().evaluate(on, policy: policy)[0].verdict == .fail)
        let off = StateBuilders.state(deployments: [StateBuilders.deployment("deis-monitor-grafana", env: ["ALLOW_SIGN_UP": "false"])])
        #expect(GrafanaSignupRule().evaluate(off, policy: policy)[0].verdict == .pass)
    }

    @Test func minioInClusterFails() {
        Q.workflow(5, "In production, persistent storage can be achieved by running an external object store.").verify()
        let secret = KubeSecretMeta(name: "objectstorage-keyfile", type: "Opaque", annotations: ["deis.io/objectstorage": "minio"])
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-minio")], secrets: [secret])
        #expect(MinioRule().evaluate(state, policy: policy)[0].verdict == .fail)
        let s3 = KubeSecretMeta(name: "objectstorage-keyfile", type: "Opaque", annotations: ["deis.io/objectstorage": "s3"])
        #expect(MinioRule().evaluate(StateBuilders.state(secrets: [s3]), policy: policy)[0].verdict == .pass)
        #expect(MinioRule().evaluate(StateBuilders.state(), policy: policy)[0].verdict == .manual)
    }

    @Test func tlsCertificateAges() {
        Q.workflow(22, "Using TLS to encrypt traffic (including Workflow client traffic, such as login credentials) is crucial.").verify()
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
        var unreadable = StateBuilders.state()
        unreadable.kubernetes.secrets = .failed(ProbeError(.forbidden, "secrets: access denied"))
        #expect(rule.evaluate(unreadable, policy: policy).map(\.verdict) == [.error])
    }

    @Test func tlsIsEnforcedOnTheRouter() throws {
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let rule = TLSRule(now: { now })
        let valid = KubeSecretMeta(name: "deis-router-platform-cert", type: "kubernetes.io/tls", certificateNotAfter: now.addingTimeInterval(90 * 86_400))
        func enforcement(_ annotations: [String: String], secrets: [KubeSecretMeta]) -> Finding? {
            var router = StateBuilders.deployment("deis-router", replicas: 2)
            router.annotations = annotations
            return rule.evaluate(StateBuilders.state(deployments: [router], secrets: secrets), policy: policy).first { $0.subject == "deis/deis-router" }
        }
        #expect(enforcement(["router.deis.io/nginx.ssl.enforce": "true"], secrets: [valid])?.verdict == .pass)
        #expect(enforcement(["router.deis.io/nginx.ssl.hsts.enabled": "true"], secrets: [valid])?.message.contains("HSTS") == true)
        let off = try #require(enforcement([:], secrets: [valid]))
        #expect(off.verdict == .fail && off.fix == .setSetting(Setting(scope: "deis/deis-router", key: "router.deis.io/nginx.ssl.enforce"), from: nil, to: "true"))
        let noCert = try #require(enforcement(["router.deis.io/nginx.ssl.enforce": "false"], secrets: []))
        #expect(noCert.verdict == .fail && noCert.fix == nil, "enforcing HTTPS without a certificate would break every client")
        let native = rule.evaluate(StateBuilders.state(secrets: [valid]), policy: policy).first { $0.subject == "deis/deis-router" }
        #expect(native?.verdict == .notApplicable)
    }

    @Test func setEnvFixesNameTheChartValueAHelmUpgradeRendersAgain() throws {
        let adapter = WorkflowAdapter(target: StateBuilders.target, kube: KubeTarget(kubeconfig: "/k", context: "c"), runner: SandboxRunner())
        let request = PlanRequest(ruleID: "WF-REGISTRATION", subject: "deis/deis-controller", state: nil, backupDirectory: "/tmp", operatorName: "t")
        let env = try adapter.planSetting(Setting(scope: "deis/deis-controller", key: "REGISTRATION_MODE", container: "deis-controller"),
                                          from: nil, to: "admin_only", request).get()
        #expect(env.changes.last?.to == "the next helm upgrade, which renders controller.registration_mode again: set controller.registration_mode=admin_only in your values to keep it")
        let grafana = try adapter.planSetting(Setting(scope: "deis/deis-monitor-grafana", key: "ALLOW_SIGN_UP", container: "deis-monitor-grafana"),
                                              from: nil, to: "false", request).get()
        #expect(grafana.changes.last?.to.contains("monitor.grafana.allow_sign_up=false") == true)
        // An annotation goes through kubectl annotate, with a server dry run and a read-back of that key.
        let annotate = try adapter.planSetting(Setting(scope: "deis/deis-router", key: "router.deis.io/nginx.ssl.enforce"), from: nil, to: "true", request).get()
        #expect(annotate.commands[0].arguments.suffix(6) == ["annotate", "deployment/deis-router", "router.deis.io/nginx.ssl.enforce=true", "--overwrite", "-n", "deis"])
        #expect(annotate.dryRunCommands[0].arguments.last == "--dry-run=server")
        #expect(annotate.postconditions[0].jsonPath == ["metadata", "annotations", "router.deis.io/nginx.ssl.enforce"] && annotate.postconditions[0].expected == "true")
        #expect(annotate.changes.last?.to.contains("router.deployment_annotations") == true)
        let undo = try adapter.planSetting(Setting(scope: "deis/deis-router", key: "router.deis.io/nginx.ssl.enforce"), from: "true", to: nil, request).get()
        #expect(undo.commands[0].arguments.contains("router.deis.io/nginx.ssl.enforce-"))
    }

    @Test func rbacOnlyMattersWhenServed() {
        Q.workflow(32, "kubectl api-versions should contains rbac.authorization.k8s.io").verify()
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

/// `check --demo workflow`: every Workflow rule has a demo case, and the report lists each.
@Suite struct WorkflowDemoTests {
    @Test func everyRuleHasADemoCaseAndTheReportListsIt() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wf-\(UUID().uuidString)/audit.jsonl").path
        let session = Session(adapter: try DemoScenario.workflow.makeAdapter(latencyMilliseconds: 0), audit: try AuditLog(path: path), verifyTimeoutSeconds: 2)
        let snapshot = await session.refresh()
        #expect(snapshot.state.failures.isEmpty, "\(snapshot.state.failures)")
        let verdicts = Dictionary(grouping: snapshot.findings, by: \.rule.id).mapValues { Set($0.map(\.verdict)) }
        #expect(verdicts["WF-SECURITY"] == [.manual] && verdicts["WF-CNI"] == [.fail] && verdicts["WF-TLS"] == [.pass, .fail])
        let table = CheckReport(snapshot: snapshot, failOn: .error).table()
        for id in WorkflowRuleList.all.map(\.info.id) { #expect(table.contains(id), "\(id) missing from check --demo workflow") }
        // The enforcement fix on the demo: annotate, verify, undo.
        let finding = try #require(snapshot.findings.first { $0.rule.id == "WF-TLS" && $0.verdict == .fail })
        let plan = try #require(await session.plan(for: finding))
        #expect(await session.dryRun(plan) == .accepted(["deployment.apps/deis-router annotated (server dry run)"]))
        #expect(await session.apply(plan) == .applied(findingCleared: true, detail: "WF-TLS cleared"))
        let undo = try #require(await session.undoPlan(for: plan))
        #expect(await session.apply(undo).succeeded)
        #expect(await session.refresh().findings.contains { $0.rule.id == "WF-TLS" && $0.verdict == .fail })
    }
}
