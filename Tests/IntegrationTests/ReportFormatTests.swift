import Foundation
import Testing
@testable import Engine

/// `check --format junit|sarif` from the real binary, validated by real validators,
/// for every demo scenario that can be built.
@Suite struct ReportFormatTests {
    static var scenarios: [DemoScenario] {
        DemoScenario.allCases.filter { (try? $0.makeAdapter(latencyMilliseconds: 0)) != nil }
    }

    @Test(arguments: Self.scenarios)
    func junitValidatesAndCarriesEveryRule(scenario: DemoScenario) async throws {
        let result = try CheckCommandTests.run(["check", "--demo", scenario.rawValue, "--format", "junit"])
        #expect(result.status == 1)
        let complaint = try await Validators.junit(result.stdout)
        #expect(complaint == nil, "xmllint: \(complaint ?? "")")
        let adapter = try scenario.makeAdapter(latencyMilliseconds: 0)
        for rule in RuleSet.rules(for: adapter) { #expect(result.stdout.contains("name=\"\(rule.info.id) "), "missing \(rule.info.id)") }
    }

    @Test(arguments: Self.scenarios)
    func sarifValidatesAndCarriesEveryRule(scenario: DemoScenario) async throws {
        let result = try CheckCommandTests.run(["check", "--demo", scenario.rawValue, "--format", "sarif"])
        let complaint = try await Validators.sarif(result.stdout)
        #expect(complaint == nil, "jsonschema: \(complaint ?? "")")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        let ids = Set(rules.compactMap { $0["id"] as? String })
        let adapter = try scenario.makeAdapter(latencyMilliseconds: 0)
        #expect(ids == Set(RuleSet.rules(for: adapter).map(\.info.id)))
        for rule in rules { #expect(((rule["help"] as? [String: Any])?["text"] as? String)?.contains("Source:") == true) }
    }

    @Test func suppressionsShowInEveryFormat() async throws {
        let dir = try TestPaths.temporaryDirectory("policy")
        try """
        suppress:
          - rule: NODES-READY
            object: demo-node-3
            reason: node is being replaced (OPS-42)
        rules:
          WF-MINIO: {enabled: false}
        """.write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        let sarif = try CheckCommandTests.run(["check", "--demo", "workflow", "--format", "sarif", "--policy", dir + "/policy.yaml"])
        #expect(sarif.stdout.contains("\"justification\" : \"node is being replaced (OPS-42)\""))
        #expect(try await Validators.sarif(sarif.stdout) == nil)
        let junit = try CheckCommandTests.run(["check", "--demo", "workflow", "--format", "junit", "--policy", dir + "/policy.yaml"])
        #expect(junit.stdout.contains("<skipped message=\"suppressed: node is being replaced (OPS-42)\"/>"))
        let table = try CheckCommandTests.run(["check", "--demo", "workflow", "--policy", dir + "/policy.yaml"])
        #expect(table.stdout.contains("SUPPRESSED"))
        #expect(table.stdout.contains("disabled by policy: WF-MINIO"))
        let bad = try CheckCommandTests.run(["check", "--demo", "workflow", "--policy", dir + "/nope.yaml"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("cannot read the policy file"))
    }

    @Test func exitZeroReportsOnly() throws {
        #expect(try CheckCommandTests.run(["check", "--demo", "workflow", "--exit-zero"]).status == 0)
    }
}

extension DemoScenario: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}
