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

/// `shipshape check` as a user runs it: the real binary, its output and exit status.
@Suite(.serialized) struct CheckCommandTests {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.shipshapeBinary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["KUBECACHEDIR"] = try TestPaths.temporaryDirectory("kubecache")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func demoFindingsFailWithStatusOne() throws {
        let result = try Self.run(["check", "--demo", "workflow", "--format", "json"])
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        let failing = findings.filter { $0["verdict"] as? String == "fail" }.compactMap { ($0["rule"] as? [String: Any])?["id"] as? String }
        #expect(Set(failing) == ["WF-ROUTER-SCALE", "WF-REGISTRATION", "WF-GRAFANA-SIGNUP", "WF-MINIO", "NODES-READY", "WF-TLS", "WF-CNI"])
    }

    @Test func failOnCriticalOnlyCountsCritical() throws {
        #expect(try Self.run(["check", "--demo", "workflow", "--fail-on", "critical"]).status == 1)
    }

    @Test func liveClusterTableAndForbiddenExitTwo() async throws {
        let server = try await KubeAPIServerProcess(stateJSON: #"{"objects": {}}"#)
        defer { server.stop() }
        let clean = try Self.run(["check", "--kubeconfig", server.kubeconfig, "--fail-on", "critical"])
        #expect(clean.status == 0, "stderr: \(clean.stderr)")
        #expect(clean.stdout.contains("ctx test"))
        try await server.setFault("forbidden")
        let denied = try Self.run(["check", "--kubeconfig", server.kubeconfig])
        #expect(denied.status == 2)
        #expect(denied.stderr.contains("access denied"))
        #expect(denied.stdout.contains("ERROR  could not read"))
    }

    @Test func unreachableAndHungExitTwo() async throws {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        try await server.setFault("hang")
        let hung = try Self.run(["check", "--kubeconfig", server.kubeconfig, "--timeout", "2"])
        #expect(hung.status == 2)
        #expect(hung.stderr.contains("no answer within 2 s"))
        // Keep the kubeconfig, lose the server: the address now refuses connections.
        let kubeconfig = try TestPaths.temporaryDirectory("kubeconfig") + "/config"
        try FileManager.default.copyItem(atPath: server.kubeconfig, toPath: kubeconfig)
        server.stop()
        let gone = try Self.run(["check", "--kubeconfig", kubeconfig])
        #expect(gone.status == 2)
        #expect(gone.stderr.contains("unreachable"))
    }

    @Test func missingKubeconfigExitTwo() throws {
        let result = try Self.run(["check", "--kubeconfig", "/nonexistent/kubeconfig"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("does not exist"))
    }
}
