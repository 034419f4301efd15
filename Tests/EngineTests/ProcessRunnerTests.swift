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

/// The real runner against real processes: each failure mode becomes its typed error.
@Suite struct ProcessRunnerTests {
    let runner = ProcessRunner(defaultTimeoutSeconds: 5, outputLimitBytes: 4096)

    @Test func capturesOutput() async throws {
        let output = try await runner.run(Command("printf", ["%s", "hello"]))
        #expect(try output.text(for: Command("printf", [])) == "hello")
    }

    @Test func missingBinary() async {
        await #expect(throws: RunError.missingBinary("no-such-tool-shipshape")) {
            try await runner.run(Command("no-such-tool-shipshape", []))
        }
    }

    @Test func nonZeroExitCarriesStderr() async {
        do {
            _ = try await runner.run(Command("sh", ["-c", "echo 'Error from server (Forbidden): nope' >&2; exit 3"]))
            Issue.record("expected a failure")
        } catch {
            guard case .nonZeroExit(_, let status, let stderr) = error else { Issue.record("wrong error \(error)"); return }
            #expect(status == 3)
            #expect(stderr.contains("Forbidden"))
            #expect(ProbeError.from(error, what: "nodes").kind == .forbidden)
        }
    }

    /// v2 `etcdctl cluster-health` exits 5 with the members' lines on stdout; the call says 5 answers it.
    @Test func acceptedExitStatusKeepsTheOutput() async throws {
        let command = Command("sh", ["-c", "echo 'cluster is degraded'; exit 5"], acceptedExitStatuses: [5])
        #expect(try await runner.run(command).text(for: command) == "cluster is degraded\n")
        await #expect(throws: RunError.self) { try await runner.run(Command("sh", ["-c", "echo x; exit 4"], acceptedExitStatuses: [5])) }
    }

    /// deisctl prints `Error: …` on stdout, after its coloured progress lines, and exits 1.
    @Test func silentStderrTakesTheLastStdoutLine() async throws {
        do {
            _ = try await runner.run(Command("sh", ["-c", "printf '\\033[32mdeis-router@2.service: loaded\\033[0m\\r\\nError: 501: All the given peers are not reachable\\n'; exit 1"]))
            Issue.record("expected a failure")
        } catch {
            guard case .nonZeroExit(_, 1, let stderr) = error else { Issue.record("wrong error \(error)"); return }
            #expect(stderr == "Error: 501: All the given peers are not reachable")
        }
    }

    @Test func hungToolTimesOut() async {
        let command = Command("sleep", ["30"], timeoutSeconds: 0.3)
        await #expect(throws: RunError.timedOut(command: command.displayLine, seconds: 0.3)) {
            try await runner.run(command)
        }
    }

    @Test func oversizedOutputIsRefused() async {
        let command = Command("head", ["-c", "100000", "/dev/zero"])
        await #expect(throws: RunError.outputTooLarge(command: command.displayLine, limitBytes: 4096)) {
            try await runner.run(command)
        }
    }

    @Test func invalidUTF8IsUndecodable() async throws {
        let command = Command("printf", ["\\377\\376"])
        let output = try await runner.run(command)
        #expect(throws: RunError.self) { try output.text(for: command) }
    }

    @Test func environmentIsExplicit() async throws {
        let env = ProcessRunner.explicitEnvironment(from: ["PATH": "/usr/bin:/bin", "KUBECONFIG": "/other", "DOCKER_HOST": "tcp://x", "HOME": "/root",
                                                           "DOCKER_CERT_PATH": "/other-certs", "SSH_AUTH_SOCK": "/run/agent.sock",
                                                           "FLEETCTL_ENDPOINT": "http://other:2379", "FLEETCTL_DRIVER": "API", "FLEETCTL_TUNNEL": "other",
                                                           "DEISCTL_TUNNEL": "other", "DEISCTL_UNITS": "/home/core/.deis/units"])
        let output = try await ProcessRunner(environment: env).run(Command("env", []))
        let text = try output.text(for: Command("env", []))
        #expect(!text.contains("FLEETCTL_") && !text.contains("DEISCTL_TUNNEL"), "fleetctl and deisctl read these; the pins are flags")
        #expect(text.contains("DEISCTL_UNITS=/home/core/.deis/units"), "where deisctl finds its templates names no cluster")
        #expect(!text.contains("KUBECONFIG"))
        #expect(!text.contains("DOCKER_HOST"))
        #expect(!text.contains("DOCKER_CERT_PATH"))
        // The agent names no target; fleetctl ssh and docker's ssh:// hosts need it.
        #expect(text.contains("SSH_AUTH_SOCK=/run/agent.sock"))
        #expect(text.contains("LC_ALL=C.UTF-8"))
    }
}
