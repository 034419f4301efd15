import Foundation
import Synchronization
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

/// Watching by change streams (issue 16) through the real kubectl against the API test server:
/// one list, then `kubectl get --raw '…?watch=1&resourceVersion=…'`; a change arrives as an
/// event within a second however long the interval; an expired resource version means one
/// re-list and nothing lost; a killed stream reconnects; no kubectl outlives the watch.
@Suite(.serialized) struct StreamWatchTests {
    /// A ClusterWatch on the Workflow demo served by the API test server, its deliveries kept.
    final class Watched: @unchecked Sendable {
        let server: KubeAPIServerProcess
        let session: Session
        let events = Mutex<[(Date, WatchEvent)]>([])
        let statuses = Mutex<[WatchSourceStatus]>([])
        let deliveries = Mutex(0)
        var task: Task<Void, Never>?

        init(server: KubeAPIServerProcess, session: Session) {
            self.server = server
            self.session = session
        }

        func start(interval: Double = 60, resync: Double = 600) {
            let watch = ClusterWatch(session: session, interval: interval, resyncSeconds: resync)
            task = Task {
                await watch.run { [self] delivery in
                    events.withLock { list in list += delivery.events.map { (Date(), $0) } }
                    statuses.withLock { $0 += delivery.events.filter { $0.kind == .watchStatus }.map { _ in WatchSourceStatus(source: "", kind: .streaming) } }
                    deliveries.withLock { $0 += 1 }
                }
            }
        }

        func saw(_ kind: WatchEvent.Kind, _ subject: String) -> Date? {
            events.withLock { $0.first { $0.1.kind == kind && $0.1.subject == subject }?.0 }
        }

        func statusLines(_ text: String) -> Int {
            events.withLock { $0.filter { $0.1.kind == .watchStatus && $0.1.text.contains(text) }.count }
        }

        func streams() -> [String] {
            ProcessTree.commandLines().filter { $0.contains("--raw") && $0.contains("watch=1") && $0.contains(server.kubeconfig) }
        }

        func stop() async {
            task?.cancel()
            await task?.value
        }
    }

    static func watched() async throws -> Watched {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        let runner = try WorkflowIntegrationTests.runner()
        let kube = KubeTarget(kubeconfig: server.kubeconfig, context: server.context)
        let adapter = WorkflowAdapter(target: Target(name: kube.context, platform: .workflow, kube: kube), kube: kube, runner: runner)
        return Watched(server: server, session: Session(adapter: adapter, audit: try AuditLog(path: server.directory + "/audit.jsonl")))
    }

    static func waitForStreams(_ watched: Watched, count: Int = 6) async throws {
        try await Polling.until("\(count) watch streams open", timeout: 30) { watched.streams().count >= count }
        try await Polling.until("the server to hold \(count) watches", timeout: 30) {
            ((try await watched.server.controlState("/_control/watches"))["open"] as? Int ?? 0) >= count
        }
    }

    @Test func aNodeGoingNotReadyArrivesWithinASecondThoughTheIntervalIsAMinute() async throws {
        let watched = try await Self.watched()
        defer { watched.server.stop() }
        watched.start(interval: 60)
        try await Self.waitForStreams(watched)
        // Each stream is one kubectl, pinned like every other call.
        #expect(watched.streams().allSatisfy { $0.contains("--kubeconfig \(watched.server.kubeconfig) --context test get --raw") })
        #expect(watched.streams().contains { $0.contains("/api/v1/nodes?watch=1&resourceVersion=") && $0.contains("allowWatchBookmarks=true") })
        let flipped = Date()
        try await watched.server.control("/_control/node-ready", ["name": "demo-node-1", "status": "False"])
        try await Polling.until("the node-not-ready event", timeout: 5) { watched.saw(.nodeNotReady, "demo-node-1") != nil }
        let latency = try #require(watched.saw(.nodeNotReady, "demo-node-1")).timeIntervalSince(flipped)
        #expect(latency < 1, "\(latency) s from the change on the server to the event")
        #expect(watched.saw(.findingAppeared, "demo-node-1") != nil, "the rules ran on the new state")
        await watched.stop()
        try await Polling.until("every stream's kubectl to be gone", timeout: 10) { watched.streams().isEmpty }
    }

    @Test func anExpiredResourceVersionMeansOneRelistAndNothingLost() async throws {
        let watched = try await Self.watched()
        defer { watched.server.stop() }
        watched.start()
        try await Self.waitForStreams(watched)
        // The server drops every stream, a change lands while they are down, and the server forgets
        // its history: every stream comes back with a version that is now too old (410 Expired).
        try await watched.server.control("/_control/close-watches", ["mode": "abort"])
        try await watched.server.control("/_control/node-ready", ["name": "demo-node-3", "status": "True"])
        try await watched.server.control("/_control/expire-history")
        try await Polling.until("the change made while the streams were down", timeout: 10) { watched.saw(.nodeReady, "demo-node-3") != nil }
        try await Polling.until("every stream to re-list", timeout: 30) { watched.statusLines("expired") >= 6 }
        #expect(watched.statusLines("expired") == 6, "exactly one re-list per stream")
        try await Self.waitForStreams(watched)
        // Streaming again from the new version: the next change is an event again.
        try await watched.server.control("/_control/node-ready", ["name": "demo-node-2", "status": "False"])
        try await Polling.until("the next change", timeout: 5) { watched.saw(.nodeNotReady, "demo-node-2") != nil }
        await watched.stop()
    }

    @Test func aKilledStreamReconnectsFromItsVersion() async throws {
        let watched = try await Self.watched()
        defer { watched.server.stop() }
        watched.start()
        try await Self.waitForStreams(watched)
        let nodes = try #require(ProcessTree.pids { $0.contains("/api/v1/nodes?watch=1") && $0.contains(watched.server.kubeconfig) }.first)
        kill(nodes, SIGKILL)
        try await Polling.until("a reconnect", timeout: 10) { watched.statusLines("reconnecting") >= 1 }
        try await Polling.until("a new nodes stream", timeout: 10) {
            ProcessTree.pids { $0.contains("/api/v1/nodes?watch=1") && $0.contains(watched.server.kubeconfig) }.contains { $0 != nodes }
        }
        try await watched.server.control("/_control/node-ready", ["name": "demo-node-1", "status": "False"])
        try await Polling.until("the change after the reconnect", timeout: 5) { watched.saw(.nodeNotReady, "demo-node-1") != nil }
        await watched.stop()
    }

    @Test func idleStreamsReadAlmostNothing() async throws {
        let watched = try await Self.watched()
        defer { watched.server.stop() }
        watched.start()
        try await Self.waitForStreams(watched)
        try await watched.server.control("/_control/reset-bytes")
        // Ten idle seconds: bookmarks only (the test server sends one a second per stream).
        let start = Date()
        try await Polling.until("ten seconds", timeout: 15, every: 0.5) { Date().timeIntervalSince(start) >= 10 }
        let bytes = try await watched.server.bytesSent()
        #expect(bytes < 30_000, "\(bytes) bytes in 10 idle seconds")
        #expect(watched.deliveries.withLock { $0 } < 30, "idle streams do not re-evaluate the cluster")
        await watched.stop()
    }

    @Test func theHeadlessWatchPrintsStreamEventsRunsTheHookAndLeavesNoKubectl() async throws {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        defer { server.stop() }
        let directory = try TestPaths.temporaryDirectory("watch-exec")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let alerts = directory + "/alerts.jsonl"
        var env = ProcessRunner.explicitEnvironment()
        env["KUBECACHEDIR"] = directory + "/kubecache"
        env["XDG_STATE_HOME"] = directory + "/state"
        let child = try SpawnedProcess(TestPaths.shipshapeBinary,
                                       ["watch", "--no-tui", "--jsonl", "--kubeconfig", server.kubeconfig, "--context", "test",
                                        "--interval", "60", "--exec", "tee", "-a", alerts], environment: env, directory: directory)
        defer { child.stop() }
        try await Polling.until("six streams", timeout: 30) {
            ProcessTree.commandLines().filter { $0.contains("watch=1") && $0.contains(server.kubeconfig) }.count >= 6
        }
        _ = try await server.control("/_control/node-ready", ["name": "demo-node-1", "status": "False"])
        try await Polling.until("the event on stdout", timeout: 5) { child.stdout().contains("\"kind\":\"node-not-ready\"") }
        try await Polling.until("the hook's copy of the alarm", timeout: 10) {
            ((try? String(contentsOfFile: alerts, encoding: .utf8)) ?? "").contains("\"subject\":\"demo-node-1\"")
        }
        // Each alarm is one JSON object on the hook's stdin (other alarms, a finding appearing, may come first).
        let alarms = try String(contentsOfFile: alerts, encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(alarms.allSatisfy { $0 != nil }, "every line the hook read is one whole JSON object")
        #expect(alarms.contains { $0?["kind"] as? String == "node-not-ready" && $0?["subject"] as? String == "demo-node-1" && $0?["target"] as? String == "test" })
        // SIGTERM: the watch ends, its streams first.
        kill(child.pid, SIGTERM)
        #expect(try await child.waitForExit(timeout: 10) == 143)
        #expect(ProcessTree.commandLines().filter { $0.contains("watch=1") && $0.contains(server.kubeconfig) }.isEmpty,
                "a kubectl outlived the watch")
    }

    @Test func aServiceScaledElsewhereArrivesFromDockerEventsWithinASecond() async throws {
        try await SwarmIntegrationTests.withLab("docker-events") { lab in
            let manager = try await lab.startManager()
            try await lab.initSwarm()
            try await manager.run(["service", "create", "--detach", "--quiet", "--name", "web", "--replicas", "1", "--stop-grace-period", "1s",
                                   SwarmLab.image, "sleep", "1000000"])
            try await lab.waitForRunning(["web"], count: 1)
            let session = try SwarmIntegrationTests.session(manager, audit: lab.root + "/audit.jsonl")
            let events = Mutex<[(Date, WatchEvent)]>([])
            let watch = ClusterWatch(session: session, interval: 60)
            let task = Task { await watch.run { delivery in events.withLock { $0 += delivery.events.map { (Date(), $0) } } } }
            defer { task.cancel() }
            try await Polling.until("docker events to stream", timeout: 30) {
                events.withLock { $0.contains { $0.1.kind == .watchStatus && $0.1.text.hasPrefix("streaming") } }
                    && ProcessTree.commandLines().contains { $0.contains("events --format") && $0.contains(manager.host) }
            }
            #expect(ProcessTree.commandLines().contains { $0.contains("--host \(manager.host) events --format {{json .}} --filter type=node") })
            // Someone scales the service from another terminal.
            let scaled = Date()
            try await manager.run(["service", "scale", "--detach", "web=2"])
            try await Polling.until("the replicas-changed event", timeout: 10) {
                events.withLock { $0.contains { $0.1.kind == .replicasChanged && $0.1.subject == "web" && $0.1.text == "desired replicas 1 → 2" } }
            }
            let at = try #require(events.withLock { $0.first { $0.1.kind == .replicasChanged && $0.1.subject == "web" }?.0 })
            #expect(at.timeIntervalSince(scaled) < 1.5, "\(at.timeIntervalSince(scaled)) s from docker service scale to the event (docker's own CLI call included)")
            task.cancel()
            await task.value
            #expect(!ProcessTree.commandLines().contains { $0.contains("events --format") && $0.contains(manager.host) }, "docker events outlived the watch")
        }
    }
}
