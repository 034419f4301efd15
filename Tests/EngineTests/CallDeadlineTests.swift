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

/// The deadline every tool call runs against.
@Suite struct CallDeadlineTests {
    @Test func anAnswerBeforeTheDeadlineIsKept() async throws {
        let (result, timedOut) = await CallDeadline(seconds: 30).run { 42 }
        #expect(try result.get() == 42)
        #expect(!timedOut)
    }

    @Test func theDeadlineCancelsTheOperation() async {
        let clock = ContinuousClock()
        let start = clock.now
        let (result, timedOut) = await CallDeadline(seconds: 0.2).run { () async throws -> Int in
            try await Task.sleep(for: .seconds(60))
            return 1
        }
        #expect(timedOut)
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(clock.now - start < .seconds(30))
    }

    @Test func theCallersCancellationReachesTheOperation() async {
        let task = Task {
            await CallDeadline(seconds: 60).run { () async throws -> Int in
                try await Task.sleep(for: .seconds(60))
                return 1
            }
        }
        task.cancel()
        let (result, timedOut) = await task.value
        #expect(!timedOut)
        #expect(throws: CancellationError.self) { try result.get() }
    }

    /// A hung tool is stopped at the deadline and reported as a timeout, not as its signal.
    @Test func aHungToolTimesOut() async {
        let runner = ProcessRunner(defaultTimeoutSeconds: 0.3)
        await #expect(throws: RunError.timedOut(command: "sleep 60", seconds: 0.3)) {
            try await runner.run(Command("sleep", ["60"]))
        }
    }

    /// The captured output is the size of what the tool wrote, not of the output limit
    /// (swift-subprocess's `.bytes(limit:)` would reserve all 256 MB of it).
    @Test func capturedOutputHoldsOnlyWhatWasWritten() async throws {
        let output = try await ProcessRunner().run(Command("printf", ["%s", "hello"]))
        #expect(output.stdout == Array("hello".utf8))
        #expect(output.stdout.capacity < 4096)
    }
}
