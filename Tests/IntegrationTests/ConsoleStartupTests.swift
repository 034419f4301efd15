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

/// The real console in tmux against a Kubernetes API test server that does not answer:
/// the screen opens before the platform is detected, says what it waits for, quits on `q`
/// without leaving a kubectl behind, and carries on into the console once the server answers.
@Suite(.serialized) struct ConsoleStartupTests {
    struct Lab {
        let server: KubeAPIServerProcess
        let terminal: SwarmTerminal
        let directory: String

        /// The console without --platform (so it must detect), in tmux, with a shell after it
        /// that prints the exit status.
        func start(context: String? = nil) async throws {
            let binary = TestPaths.shipshapeBinary
            // The wrapper shell traps SIGINT (Ctrl-C reaches its whole process group) so it lives
            // to print the console's status; a trapped signal is default again in the child.
            let line = "trap true INT; \(binary) --kubeconfig \(server.kubeconfig) --context \(context ?? server.context) --timeout 60"
                + " --audit-log \(directory)/audit.jsonl 2>\(directory)/stderr; echo EXIT=$?; sleep 600"
            try await terminal.tmux(["new-session", "-d", "-s", terminal.session, "-x", "120", "-y", "40",
                                     "env", "KUBECACHEDIR=\(directory)/kubecache", "sh", "-c", line])
        }

        func stop() async {
            _ = try? await terminal.tmux(["kill-server"])
            server.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// kubectl processes reading this server's kubeconfig, from /proc.
        func kubectlChildren() -> [Int32] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap { entry -> Int32? in
                guard let pid = Int32(entry),
                      let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
                let argv = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                guard argv.first.map({ $0.hasSuffix("kubectl") }) == true, argv.contains(server.kubeconfig) else { return nil }
                return pid
            }
        }
    }

    static func lab() async throws -> Lab {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        let directory = try TestPaths.temporaryDirectory("startup")
        try await server.setFault("hang")
        return Lab(server: server, terminal: SwarmTerminal(socket: directory + "/tmux.sock"), directory: directory)
    }

    @Test func theScreenOpensBeforeDetectionAndQuitLeavesNoKubectl() async throws {
        let lab = try await Self.lab()
        defer { Task { await lab.stop() } }
        try await lab.start()
        let screen = try await lab.terminal.waitFor("Finding the clusters and detecting their platforms")
        #expect(screen.contains("shipshape │ starting │ context: test"))
        #expect(screen.contains("q or Ctrl-C"))
        // Detection is waiting on the server that does not answer.
        try await Polling.until("detection to be waiting on kubectl") { !lab.kubectlChildren().isEmpty }
        try await lab.terminal.tmux(["send-keys", "-t", lab.terminal.session, "q"])
        try await lab.terminal.waitFor("EXIT=0")
        #expect(lab.kubectlChildren().isEmpty, "quitting during detection must tear down its kubectl")
    }

    @Test func ctrlCDuringDetectionExits130() async throws {
        let lab = try await Self.lab()
        defer { Task { await lab.stop() } }
        try await lab.start()
        try await lab.terminal.waitFor("Finding the clusters and detecting their platforms")
        try await lab.terminal.tmux(["send-keys", "-t", lab.terminal.session, "C-c"])
        try await lab.terminal.waitFor("EXIT=130")
        #expect(lab.kubectlChildren().isEmpty)
    }

    @Test func theConsoleFollowsOnceTheServerAnswers() async throws {
        let lab = try await Self.lab()
        defer { Task { await lab.stop() } }
        try await lab.start()
        try await lab.terminal.waitFor("Finding the clusters and detecting their platforms")
        // Held requests are answered as soon as the fault is cleared.
        try await lab.server.setFault("none")
        let screen = try await lab.terminal.waitFor("Router scale", timeout: 40)
        #expect(screen.contains("context: test"))
        #expect(!screen.contains("Finding the clusters and detecting their platforms"))
    }

    @Test func anUnknownContextIsRefusedByName() async throws {
        let lab = try await Self.lab()
        defer { Task { await lab.stop() } }
        try await lab.start(context: "tset")
        try await lab.terminal.waitFor("EXIT=1")
        let stderr = try String(contentsOfFile: lab.directory + "/stderr", encoding: .utf8)
        #expect(stderr.contains("has no context \"tset\""))
        #expect(stderr.contains("test"))
    }
}
