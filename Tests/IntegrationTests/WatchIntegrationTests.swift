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

/// Watch mode against the API test server: a change made outside the console shows
/// up as an event on the next refresh.
@Suite(.serialized) struct WatchIntegrationTests {
    @Test func routerScaledOutsideProducesAReplicasChangedEvent() async throws {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        defer { server.stop() }
        let runner = try WorkflowIntegrationTests.runner()
        let kube = KubeTarget(kubeconfig: server.kubeconfig, context: server.context)
        let adapter = WorkflowAdapter(target: Target(name: kube.context, platform: .workflow, kube: kube), kube: kube, runner: runner)
        let session = Session(adapter: adapter, audit: try AuditLog(path: server.directory + "/audit.jsonl"))
        let seen = Mutex<[WatchEvent]>([])
        let refreshes = Mutex(0)
        let watch = Task {
            await Watcher(workspace: Workspace(session: session), interval: 0.5).run { events, _, _ in
                seen.withLock { $0 += events }
                refreshes.withLock { $0 += 1 }
            }
        }
        try await Polling.until("the first refresh") { refreshes.withLock { $0 } >= 1 }
        // Someone scales the router from another terminal.
        _ = try await runner.run(kube.kubectl(["--namespace=deis", "scale", "--replicas=3", "deployment/deis-router"]))
        let before = refreshes.withLock { $0 }
        try await Polling.until("a replicas-changed event") {
            seen.withLock { $0.contains { $0.kind == .replicasChanged && $0.subject == "deis/deis-router" } }
        }
        // Within two intervals of the change.
        #expect(refreshes.withLock { $0 } - before <= 2)
        let event = try #require(seen.withLock { $0.first { $0.kind == .replicasChanged } })
        #expect(event.text == "desired replicas 1 → 3")
        #expect(seen.withLock { $0.contains { $0.kind == .findingCleared && $0.text == "WF-ROUTER-SCALE cleared" } })
        watch.cancel()
        await watch.value
    }

    /// `--poll`: the whole cluster every interval, and a sick one read less often.
    @Test func noTUIPollingPrintsEventLinesAndBacksOff() async throws {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        defer { server.stop() }
        try await server.setFault("forbidden", paths: ["/api/v1/nodes"])
        let output = try await WatchProcess.run(["watch", "--no-tui", "--poll", "--jsonl", "--interval", "0.5", "--kubeconfig", server.kubeconfig],
                                                 until: { $0.contains("backing off") })
        #expect(output.contains("\"kind\":\"probe-failed\""))
    }

    /// Streams (the default): a section the first read could not get is reported at once, and
    /// its stream retries with growing waits rather than hammering the server.
    @Test func noTUIStreamingReportsAForbiddenSectionAndRetriesLessOften() async throws {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        defer { server.stop() }
        try await server.setFault("forbidden", paths: ["/api/v1/nodes"])
        let output = try await WatchProcess.run(["watch", "--no-tui", "--jsonl", "--interval", "0.5", "--kubeconfig", server.kubeconfig],
                                                 until: { $0.components(separatedBy: "again in").count >= 3 })
        let events = output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(events.contains { $0["kind"] as? String == "probe-failed" && ($0["text"] as? String ?? "").lowercased().contains("forbidden") })
        let waits = events.filter { $0["kind"] as? String == "watch-status" && $0["subject"] as? String == "nodes" }
            .compactMap { ($0["text"] as? String)?.components(separatedBy: "again in ").last.flatMap { Double($0.prefix { $0.isNumber || $0 == "." }) } }
        #expect(waits.count >= 2 && zip(waits, waits.dropFirst()).allSatisfy { $0.1 >= $0.0 } && waits.last! > waits.first!, "\(waits)")
    }
}

/// Runs `shipshape watch --no-tui` until its output satisfies a condition, then stops it.
enum WatchProcess {
    static func run(_ arguments: [String], until done: @escaping (String) -> Bool) async throws -> String {
        let dir = try TestPaths.temporaryDirectory("watch")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.shipshapeBinary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["KUBECACHEDIR"] = dir + "/cache"
        env["SHIPSHAPE_STATE_DIR"] = dir
        process.environment = env
        _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { ChildProcess.stop(process.processIdentifier) }
        var text = ""
        try await Polling.until("watch output", timeout: 30) {
            text = (try? String(contentsOfFile: dir + "/out", encoding: .utf8)) ?? ""
            return done(text)
        }
        return text
    }
}
