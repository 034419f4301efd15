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

@Suite struct SnapshotReplayTests {
    @Test func replayGivesTheSameFindingsAndNoSecrets() async throws {
        var recorder: RecordingRunner?
        let adapter = try DemoScenario.workflow.makeAdapters(wrap: { base in
            let runner = RecordingRunner(base: base)
            recorder = runner
            return runner
        })[0]
        let live = RuleEngine(rules: adapter.rules).evaluate(await adapter.probe())
        let file = StateSnapshotFile(target: adapter.target, calls: try #require(recorder).recorded)
        let text = String(decoding: file.encoded(), as: UTF8.self)
        for secret in ["demo-secret", "ZGVtby1zZWNyZXQ", "bm90LWEtcmVhbC1rZXk"] { #expect(!text.contains(secret)) }

        let decoded = try StateSnapshotFile.decode(file.encoded())
        let replayed = try PlatformRegistry.standard.adapter(for: decoded.target, runner: ReplayRunner(calls: decoded.calls))
        let again = RuleEngine(rules: replayed.rules).evaluate(await replayed.probe())
        #expect(again.map(\.id) == live.map(\.id))
        #expect(again.map(\.verdict) == live.map(\.verdict))
        // A replay cannot change anything.
        let finding = try #require(live.first { $0.rule.id == "WF-ROUTER-SCALE" })
        let plan = try #require(try? Session(adapter: replayed, audit: try AuditLog(path: NSTemporaryDirectory() + "/\(UUID()).jsonl"))
            .plan(for: finding, state: nil).get())
        await #expect(throws: RunError.self) { try await replayed.runner.run(plan.commands[0]) }
    }

    @Test func scrubberKeepsShapeAndDropsValues() {
        let call = RecordedCall(argv: ["docker", "service", "inspect"], stdout: Array(#"[{"Spec":{"TaskTemplate":{"ContainerSpec":{"Env":["POSTGRES_PASSWORD=hunter2","MODE=x"]}}}}]"#.utf8), error: nil)
        let text = String(decoding: SecretScrubber.scrub(call).stdout ?? [], as: UTF8.self)
        #expect(!text.contains("hunter2"))
        #expect(text.contains("POSTGRES_PASSWORD=<redacted>"))
        let key = RecordedCall(argv: ["etcdctl", "get", "/deis/router/sslKey", "--print-value-only"], stdout: Array("-----BEGIN KEY".utf8), error: nil)
        #expect(SecretScrubber.scrub(key).stdout == Array("<redacted>".utf8))
    }
}
