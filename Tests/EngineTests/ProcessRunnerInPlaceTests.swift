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

/// `run(_:readingOutput:)` on the real runner: output handed over in place (an in-memory
/// file on Linux) with every failure mode the copying `run` has.
@Suite struct ProcessRunnerInPlaceTests {
    let runner = ProcessRunner(defaultTimeoutSeconds: 5, outputLimitBytes: 4096)

    @Test func readsOutputInPlace() async throws {
        let text = try await runner.run(Command("printf", ["%s", "hello"]), readingOutput: { String(decoding: $0, as: UTF8.self) })
        #expect(text == "hello")
    }

    @Test func emptyOutputIsAnEmptyBuffer() async throws {
        #expect(try await runner.run(Command("true", []), readingOutput: { $0.count }) == 0)
    }

    @Test func outputUpToTheLimitIsRead() async throws {
        let count = try await runner.run(Command("head", ["-c", "4096", "/dev/zero"]), readingOutput: { $0.count })
        #expect(count == 4096)
    }

    @Test func oversizedOutputIsRefused() async {
        let command = Command("head", ["-c", "100000", "/dev/zero"])
        await #expect(throws: RunError.outputTooLarge(command: command.displayLine, limitBytes: 4096)) {
            try await runner.run(command, readingOutput: { $0.count })
        }
    }

    /// Far past the limit the file's seal stops the tool itself, so memory stays bounded.
    @Test func runawayOutputIsStoppedAndRefused() async {
        let command = Command("head", ["-c", "40000000", "/dev/zero"])
        await #expect(throws: RunError.outputTooLarge(command: command.displayLine, limitBytes: 4096)) {
            try await runner.run(command, readingOutput: { $0.count })
        }
    }

    @Test func nonZeroExitCarriesStderr() async {
        do {
            _ = try await runner.run(Command("sh", ["-c", "echo partial; echo 'Error from server (Forbidden): nope' >&2; exit 3"]), readingOutput: { $0.count })
            Issue.record("expected a failure")
        } catch let error as RunError {
            guard case .nonZeroExit(_, let status, let stderr) = error else { Issue.record("wrong error \(error)"); return }
            #expect(status == 3 && stderr.contains("Forbidden"))
        } catch {
            Issue.record("not a RunError: \(error)")
        }
    }

    @Test func hungToolTimesOut() async {
        let command = Command("sleep", ["30"], timeoutSeconds: 0.3)
        await #expect(throws: RunError.timedOut(command: command.displayLine, seconds: 0.3)) {
            try await runner.run(command, readingOutput: { $0.count })
        }
    }

    @Test func missingBinary() async {
        await #expect(throws: RunError.missingBinary("no-such-tool-shipshape")) {
            try await runner.run(Command("no-such-tool-shipshape", []), readingOutput: { $0.count })
        }
    }

    @Test func whatTheReaderThrowsComesBackAsIs() async {
        struct Rejected: Error {}
        await #expect(throws: Rejected.self) {
            try await runner.run(Command("printf", ["x"]), readingOutput: { _ in throw Rejected() })
        }
    }

    @Test func concurrentReadsKeepTheirOwnOutput() async throws {
        let texts = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask { try await runner.run(Command("printf", ["%s", "out-\(index)"]), readingOutput: { String(decoding: $0, as: UTF8.self) }) }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(texts == Set((0..<8).map { "out-\($0)" }))
    }
}
