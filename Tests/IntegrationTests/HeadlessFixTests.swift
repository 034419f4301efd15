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

/// `shipshape fix` / `shipshape undo` as a runbook runs them, against the real kubectl
/// and the Kubernetes API test server.
@Suite(.serialized) struct HeadlessFixTests {
    @Test func fixThenUndoFromTheCommandLine() async throws {
        let server = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
        defer { server.stop() }
        let audit = server.directory + "/audit.jsonl"
        let base = ["--kubeconfig", server.kubeconfig, "--audit-log", audit]

        let refused = try CheckCommandTests.run(["fix", "WF-ROUTER-SCALE"] + base)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("stdin is not a terminal"))
        #expect(try await server.replicas(of: "deis-router") == 1)

        let dry = try CheckCommandTests.run(["fix", "WF-ROUTER-SCALE", "--dry-run"] + base)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("dry run: accepted"))
        #expect(try await server.replicas(of: "deis-router") == 1)

        let fixed = try CheckCommandTests.run(["fix", "WF-ROUTER-SCALE", "--yes"] + base)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.contains("--context test --namespace=deis scale --replicas=2 deployment/deis-router"))
        #expect(try await server.replicas(of: "deis-router") == 2)

        let undone = try CheckCommandTests.run(["undo", "--yes"] + base)
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(try await server.replicas(of: "deis-router") == 1)
        let nothing = try CheckCommandTests.run(["undo", "--yes"] + base)
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("nothing to undo"))
    }

    @Test func unknownOrManualRulesChangeNothing() async throws {
        // WF-RBAC passes on the demo: nothing to fix.
        let none = try CheckCommandTests.run(["fix", "WF-RBAC", "--demo", "workflow", "--yes"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no failing WF-RBAC finding"))
        let manual = try CheckCommandTests.run(["fix", "WF-MINIO", "--demo", "workflow", "--yes"])
        #expect(manual.status == 2)
        #expect(manual.stderr.contains("no automatic fix"))
    }
}
