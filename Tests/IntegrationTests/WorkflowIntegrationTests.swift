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

/// The real kubectl against the project's Kubernetes API test server, serving the
/// Workflow demo scenario: probe, fix, verify, undo, audit; and every way a read fails.
@Suite(.serialized) struct WorkflowIntegrationTests {
    struct Fixture {
        let server: KubeAPIServerProcess
        let session: Session
        let auditPath: String
        let runner: ProcessRunner
        let kube: KubeTarget
    }

    static func runner(timeout: Double = 10) throws -> ProcessRunner {
        var env = ProcessRunner.explicitEnvironment()
        // A cache dir per run: a restarted server on a reused port must not meet stale discovery.
        env["KUBECACHEDIR"] = try TestPaths.temporaryDirectory("kubecache")
        return ProcessRunner(defaultTimeoutSeconds: timeout, environment: env)
    }

    static func fixture(timeout: Double = 10) async throws -> Fixture {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        let runner = try runner(timeout: timeout)
        let kube = try await KubeTargetResolver(runner: runner).resolve(kubeconfig: server.kubeconfig, context: nil)
        let audit = try AuditLog(path: server.directory + "/state/audit.jsonl")
        let adapter = WorkflowAdapter(target: Target(name: kube.context, platform: .workflow, kube: kube), kube: kube, runner: runner)
        return Fixture(server: server, session: Session(adapter: adapter, audit: audit, verifyTimeoutSeconds: 10),
                      auditPath: audit.path, runner: runner, kube: kube)
    }

    @Test func probeReadsTheServer() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        let snapshot = await f.session.refresh()
        #expect(snapshot.state.failures.isEmpty)
        let k = snapshot.state.kubernetes
        #expect(k.nodes.value?.count == 3)
        #expect(k.nodes.value?.filter { $0.ready == false }.map(\.name) == ["demo-node-3"])
        #expect(k.deployment("deis-router")?.desiredReplicas == 1)
        #expect(k.pods.value?.count == 1)
        #expect(k.apiGroups.value?.contains("rbac.authorization.k8s.io") == true)
        let failing = Set(snapshot.failing.map(\.rule.id))
        #expect(failing == ["WF-ROUTER-SCALE", "WF-REGISTRATION", "WF-GRAFANA-SIGNUP", "WF-MINIO", "NODES-READY", "WF-TLS", "WF-CNI"])
        // The registry proxy as the DaemonSet and its pods say: hostPort 5555, 1 of 3 Ready.
        let proxy = try #require(snapshot.state.workflow.value?.registryProxy.value ?? nil)
        #expect(proxy.hostPorts == [5555] && proxy.desired == 3 && proxy.ready == 1 && proxy.notReadyPods.count == 2)
        #expect(snapshot.findings.filter { $0.rule.id == "WF-SECURITY" }.count == SecurityRule.steps.count)
        // Every read went through `get --raw` paths, never a typed `kubectl get`.
        let paths = try await f.server.requests().compactMap { $0["path"] as? String }
        #expect(paths.contains("/api/v1/nodes"))
    }

    @Test func routerFixVerifyUndoAndAudit() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        let finding = try #require(await f.session.refresh().findings.first { $0.rule.id == "WF-ROUTER-SCALE" })
        let plan = try #require(await f.session.plan(for: finding))
        guard case .accepted(let answers) = await f.session.dryRun(plan) else { Issue.record("dry run rejected"); return }
        #expect(answers == ["deployment.apps/deis-router scaled (server dry run)"])
        #expect(try await f.server.replicas(of: "deis-router") == 1)

        #expect(await f.session.apply(plan) == .applied(findingCleared: true, detail: "WF-ROUTER-SCALE cleared"))
        #expect(try await f.server.replicas(of: "deis-router") == 2)
        let after = await f.session.refresh()
        #expect(after.findings.first { $0.rule.id == "WF-ROUTER-SCALE" }?.verdict == .pass)

        let undo = try #require(await f.session.undoPlan(for: plan))
        #expect(await f.session.apply(undo).succeeded)
        #expect(try await f.server.replicas(of: "deis-router") == 1)
        #expect(await f.session.refresh().findings.first { $0.rule.id == "WF-ROUTER-SCALE" }?.verdict == .fail)

        let entries = try AuditLog.read(path: f.auditPath)
        let forward = entries.filter { $0.fixID == plan.id }.map(\.step)
        #expect(forward == [.planned, .dryRun, .confirmed, .precondition, .run, .verify, .applied])
        let backward = entries.filter { $0.fixID == undo.id }.map(\.step)
        #expect(backward.contains(.run) && backward.last == .undo)
        #expect(entries.allSatisfy { $0.context == f.kube.context })
        let run = try #require(entries.first { $0.fixID == plan.id && $0.step == .run })
        #expect(run.command?.contains("--context") == true)
    }

    @Test func registrationAndGrafanaFixesThroughSetEnv() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        for ruleID in ["WF-REGISTRATION", "WF-GRAFANA-SIGNUP"] {
            let finding = try #require(await f.session.refresh().findings.first { $0.rule.id == ruleID })
            let plan = try #require(await f.session.plan(for: finding))
            guard case .accepted = await f.session.dryRun(plan) else { Issue.record("dry run rejected for \(ruleID)"); continue }
            #expect(await f.session.apply(plan) == .applied(findingCleared: true, detail: "\(ruleID) cleared"))
        }
        let k = await f.session.refresh().state.kubernetes
        #expect(k.deployment("deis-controller")?.env("REGISTRATION_MODE")?.value == "admin_only")
        #expect(k.deployment("deis-monitor-grafana")?.env("ALLOW_SIGN_UP")?.value == "false")
        // The other env entries survived the strategic merge.
        #expect(k.deployment("deis-monitor-grafana")?.env("BIND_PORT")?.value == "3500")
    }

    /// WF-TLS's enforcement fix is `kubectl annotate` (a merge patch of the deployment's
    /// metadata): the dry run reaches the server as one, stores nothing, and the undo removes
    /// the annotation again.
    @Test func httpsEnforcementThroughAnnotate() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        let finding = try #require(await f.session.refresh().findings.first { $0.rule.id == "WF-TLS" && $0.subject == "deis/deis-router" })
        let plan = try #require(await f.session.plan(for: finding))
        #expect(plan.changes.last?.to.contains("router.deployment_annotations") == true)
        try await f.server.resetRequests()
        guard case .accepted(let answer) = await f.session.dryRun(plan) else { Issue.record("dry run rejected"); return }
        #expect(answer == ["deployment.apps/deis-router annotated (server dry run)"])
        let writes = try await f.server.requests().filter { $0["write"] as? Bool == true }
        #expect(!writes.isEmpty && writes.allSatisfy { $0["dryRun"] as? Bool == true }, "only a dry run reached the server: \(writes)")
        #expect(await f.session.apply(plan) == .applied(findingCleared: true, detail: "WF-TLS cleared"))
        #expect(await f.session.refresh().state.kubernetes.deployment("deis-router")?.annotations["router.deis.io/nginx.ssl.enforce"] == "true")
        let undo = try #require(await f.session.undoPlan(for: plan))
        #expect(await f.session.apply(undo).succeeded)
        #expect(await f.session.refresh().state.kubernetes.deployment("deis-router")?.annotations["router.deis.io/nginx.ssl.enforce"] == nil)
    }

    @Test func forbiddenIsAClearErrorOnItsSection() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        try await f.server.setFault("forbidden", paths: ["/api/v1/nodes"])
        let snapshot = await f.session.refresh()
        let error = try #require(snapshot.state.kubernetes.nodes.error)
        #expect(error.kind == .forbidden)
        #expect(error.message.contains("forbidden"))
        // The other sections still load.
        #expect(snapshot.state.kubernetes.deployments.value != nil)
        #expect(snapshot.findings.first { $0.rule.id == "NODES-READY" }?.verdict == .error)
    }

    @Test func malformedJSONIsAClearError() async throws {
        let f = try await Self.fixture()
        defer { f.server.stop() }
        try await f.server.setFault("malformed", paths: ["/api/v1/nodes"])
        let error = try #require(await f.session.refresh().state.kubernetes.nodes.error)
        #expect(error.kind == .malformed)
        #expect(error.message.contains("malformed JSON"))
    }

    @Test func hungKubectlTimesOut() async throws {
        let f = try await Self.fixture(timeout: 2)
        defer { f.server.stop() }
        try await f.server.setFault("hang", paths: ["/api/v1/nodes"])
        let snapshot = await f.session.refresh()
        let error = try #require(snapshot.state.kubernetes.nodes.error)
        #expect(error.kind == .timeout)
        #expect(error.message.contains("no answer within 2 s"))
        #expect(snapshot.state.kubernetes.deployments.value != nil)
        try await f.server.setFault("none")
    }

    @Test func unreachableServer() async throws {
        let f = try await Self.fixture()
        // Keep the kubeconfig, lose the server: its address now refuses connections.
        let kubeconfig = try TestPaths.temporaryDirectory("kubeconfig") + "/config"
        try FileManager.default.copyItem(atPath: f.server.kubeconfig, toPath: kubeconfig)
        f.server.stop()
        let kube = KubeTarget(kubeconfig: kubeconfig, context: f.kube.context)
        let adapter = WorkflowAdapter(target: Target(name: "gone", platform: .workflow, kube: kube), kube: kube, runner: f.runner)
        let state = await adapter.probe()
        let error = try #require(state.kubernetes.nodes.error)
        #expect(error.kind == .unreachable)
    }

    @Test func callsStayPinnedAfterTheCurrentContextChanges() async throws {
        let a = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json, context: "cluster-a")
        let b = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json, context: "cluster-b")
        defer { a.stop(); b.stop() }
        // One kubeconfig holding both clusters, current context a.
        let merged = a.directory + "/merged"
        let runner = try Self.runner()
        try Self.mergedKubeconfig(a: a, b: b).write(toFile: merged, atomically: true, encoding: .utf8)
        let kube = try await KubeTargetResolver(runner: runner).resolve(kubeconfig: merged, context: nil)
        #expect(kube.context == "cluster-a")
        // The operator switches context in another terminal.
        _ = try await runner.run(Command("kubectl", ["--kubeconfig", merged, "config", "use-context", "cluster-b"]))
        let current = try await runner.run(Command("kubectl", ["--kubeconfig", merged, "config", "current-context"]))
        #expect(try current.text(for: Command("kubectl", [])).contains("cluster-b"))
        // This machine's kubectl is gcloud's dispatcher, which asks the *current* context's
        // server for /version even on `kubectl config`; forget those before the real check.
        try await b.resetRequests()

        let audit = try AuditLog(path: a.directory + "/audit.jsonl")
        let adapter = WorkflowAdapter(target: Target(name: kube.context, platform: .workflow, kube: kube), kube: kube, runner: runner)
        let session = Session(adapter: adapter, audit: audit, verifyTimeoutSeconds: 10)
        let finding = try #require(await session.refresh().findings.first { $0.rule.id == "WF-ROUTER-SCALE" })
        let plan = try #require(await session.plan(for: finding))
        #expect(plan.commands[0].arguments.starts(with: ["--kubeconfig", merged, "--context", "cluster-a"]))
        #expect(await session.apply(plan).succeeded)
        #expect(try await a.replicas(of: "deis-router") == 2)
        #expect(try await b.replicas(of: "deis-router") == 1)
        let bPaths = try await b.requests().compactMap { $0["path"] as? String }
        #expect(bPaths.isEmpty, "cluster-b was contacted: \(bPaths)")
    }

    static func mergedKubeconfig(a: KubeAPIServerProcess, b: KubeAPIServerProcess) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: cluster-a
          cluster: {server: "\(a.url)"}
        - name: cluster-b
          cluster: {server: "\(b.url)"}
        users:
        - name: anon
          user: {}
        contexts:
        - name: cluster-a
          context: {cluster: cluster-a, user: anon}
        - name: cluster-b
          context: {cluster: cluster-b, user: anon}
        current-context: cluster-a
        """
    }
}
