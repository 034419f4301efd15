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

/// `check --format junit|sarif` from the real binary, validated by real validators,
/// for every demo scenario that can be built.
@Suite struct ReportFormatTests {
    static var scenarios: [DemoScenario] {
        DemoScenario.allCases.filter { (try? $0.makeAdapter(latencyMilliseconds: 0)) != nil }
    }

    /// Every rule of the scenario's platforms: what its report must list.
    static func rules(of scenario: DemoScenario) -> [any Rule] {
        scenario.platforms.compactMap(PlatformRegistry.standard.plugin(for:)).flatMap(\.rules)
    }

    @Test(arguments: Self.scenarios)
    func junitValidatesAndCarriesEveryRule(scenario: DemoScenario) async throws {
        let result = try CheckCommandTests.run(["check", "--demo", scenario.name, "--format", "junit"])
        #expect(result.status == 1)
        let complaint = try await Validators.junit(result.stdout)
        #expect(complaint == nil, "xmllint: \(complaint ?? "")")
        for rule in Self.rules(of: scenario) { #expect(result.stdout.contains("name=\"\(rule.info.id) "), "missing \(rule.info.id)") }
    }

    @Test(arguments: Self.scenarios)
    func sarifValidatesAndCarriesEveryRule(scenario: DemoScenario) async throws {
        let result = try CheckCommandTests.run(["check", "--demo", scenario.name, "--format", "sarif"])
        let complaint = try await Validators.sarif(result.stdout)
        #expect(complaint == nil, "jsonschema: \(complaint ?? "")")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // One run per cluster, each with its own platform's rules.
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == (try scenario.makeAdapters(latencyMilliseconds: 0)).count)
        #expect(Set(runs.compactMap { ($0["automationDetails"] as? [String: Any])?["id"] as? String }).count == runs.count)
        let rules = runs.flatMap { ((($0["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]) ?? [] }
        let ids = Set(rules.compactMap { $0["id"] as? String })
        #expect(ids == Set(Self.rules(of: scenario).map(\.info.id)))
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
    public var testDescription: String { name }
}
