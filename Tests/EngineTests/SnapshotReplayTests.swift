import Foundation
import Testing
@testable import Engine

@Suite struct SnapshotReplayTests {
    @Test func replayGivesTheSameFindingsAndNoSecrets() async throws {
        var recorder: RecordingRunner?
        let adapter = try PlatformRegistry.demoAdapter(.workflow) { base in
            let runner = RecordingRunner(base: base)
            recorder = runner
            return runner
        }
        let live = RuleEngine(rules: adapter.rules).evaluate(await adapter.probe())
        let file = StateSnapshotFile(target: adapter.target, calls: try #require(recorder).recorded)
        let text = String(decoding: file.encoded(), as: UTF8.self)
        for secret in ["demo-secret", "ZGVtby1zZWNyZXQ", "bm90LWEtcmVhbC1rZXk"] { #expect(!text.contains(secret)) }

        let decoded = try StateSnapshotFile.decode(file.encoded())
        let replayed = try PlatformRegistry.adapter(for: decoded.target, runner: ReplayRunner(calls: decoded.calls))
        let again = RuleEngine(rules: replayed.rules).evaluate(await replayed.probe())
        #expect(again.map(\.id) == live.map(\.id))
        #expect(again.map(\.verdict) == live.map(\.verdict))
        // A replay cannot change anything.
        let plan = try #require(live.first { $0.rule.id == "WF-ROUTER-SCALE" }.flatMap { Session(adapter: replayed, audit: try AuditLog(path: NSTemporaryDirectory() + "/\(UUID()).jsonl")).plan(for: $0) })
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
