import Foundation
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

/// Real validators for report formats: xmllint with a JUnit XSD, Python's
/// jsonschema with the official SARIF 2.1.0 schema (both copied under Tests/Support/schemas).
enum Validators {
    static let schemas = TestPaths.support.appendingPathComponent("schemas")

    /// Returns the validator's complaint, or nil when the document is valid.
    static func junit(_ xml: String) async throws -> String? {
        let file = try TestPaths.temporaryDirectory("junit") + "/report.xml"
        try xml.write(toFile: file, atomically: true, encoding: .utf8)
        return try await check(Command("xmllint", ["--noout", "--schema", schemas.appendingPathComponent("junit.xsd").path, file]))
    }

    static func sarif(_ json: String) async throws -> String? {
        let file = try TestPaths.temporaryDirectory("sarif") + "/report.sarif"
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        let script = "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))"
        return try await check(Command(try await pythonWithJSONSchema(), ["-c", script, schemas.appendingPathComponent("sarif-schema-2.1.0.json").path, file]))
    }

    /// Debian's python3-jsonschema lives beside /usr/bin/python3; a pyenv python may have its own.
    static func pythonWithJSONSchema() async throws -> String {
        for candidate in ["python3", "/usr/bin/python3"] {
            if (try? await ProcessRunner().run(Command(candidate, ["-c", "import jsonschema"]))) != nil { return candidate }
        }
        throw RunError.missingBinary("python3 with the jsonschema module (Debian: python3-jsonschema)")
    }

    static func check(_ command: Command) async throws -> String? {
        let failure: RunError?
        do {
            _ = try await ProcessRunner(defaultTimeoutSeconds: 60).run(command)
            failure = nil
        } catch {
            failure = error
        }
        guard let failure else { return nil }
        if case .missingBinary = failure { throw failure }
        return failure.stderr ?? failure.description
    }
}
