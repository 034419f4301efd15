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

/// `shipshape check` on Deckhouse as a user runs it: the real binary, the demo's two
/// clusters, and two live API test servers opened with `--context` twice and with
/// `--all-contexts` — one report per cluster, the worst exit status.
@Suite(.serialized) struct DeckhouseCheckCommandTests {
    static func run(_ arguments: [String]) throws -> SpawnedBinary.Result {
        var env = ProcessInfo.processInfo.environment
        env["KUBECACHEDIR"] = try TestPaths.temporaryDirectory("kubecache")
        return try SpawnedBinary.run(TestPaths.shipshapeBinary, arguments, environment: env)
    }

    static func reports(_ stdout: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]])
    }

    static func verdicts(_ report: [String: Any]) -> [String: [String]] {
        let findings = report["findings"] as? [[String: Any]] ?? []
        var out: [String: [String]] = [:]
        for finding in findings {
            guard let id = (finding["rule"] as? [String: Any])?["id"] as? String, let verdict = finding["verdict"] as? String else { continue }
            out[id, default: []].append(verdict)
        }
        return out.mapValues { $0.sorted() }
    }

    /// Every DH-* rule's verdict on the demo's clusters; DH-CHANNEL-ORDER depends on the env
    /// labels the clusters are opened with (the demo's: dev and prod; none from --context).
    static func northVerdicts(channelOrder: String) -> [String: [String]] {
        ["DH-RELEASE-CHANNEL": ["fail"], "DH-UPDATE-WINDOWS": ["pass"], "DH-WINDOWS-OVERLAP": ["pass"], "DH-RELEASE-AGE": ["pass"],
         "DH-K8S-VERSION": ["pass"], "DH-MASTERS": ["fail"], "DH-NODE-RESOURCES": ["fail", "fail"], "DH-FRONTEND": ["fail", "fail"],
         "DH-FRONTEND-CAPACITY": ["n/a"], "DH-MONITORING-NODES": ["n/a"], "DH-SYSTEM-NODES": ["pass"], "DH-STORAGECLASS": ["fail"],
         "DH-CLUSTER-TOTALS": ["fail"], "DH-MONITORING-STORAGE": ["fail"], "DH-PV-NODESELECTOR": ["n/a"], "DH-RELEASE-APPROVAL": ["fail"],
         "DH-CHANNEL-ORDER": [channelOrder], "DH-ALERTS": ["fail"], "DH-ETCD-BACKUP": ["pass"], "DH-BACKUP-OFFSITE": ["fail"],
         "DH-DR-PLAN": ["fail"], "NODES-READY": ["pass"], "ETCD-SNAPSHOT": ["n/a"]]
    }
    static func southVerdicts(channelOrder: String) -> [String: [String]] {
        ["DH-RELEASE-CHANNEL": ["pass"], "DH-UPDATE-WINDOWS": ["pass"], "DH-WINDOWS-OVERLAP": ["pass"], "DH-RELEASE-AGE": ["pass"],
         "DH-K8S-VERSION": ["pass"], "DH-MASTERS": ["pass"], "DH-NODE-RESOURCES": ["pass"], "DH-FRONTEND": ["pass", "pass"],
         "DH-FRONTEND-CAPACITY": ["pass"], "DH-MONITORING-NODES": ["pass"], "DH-SYSTEM-NODES": ["pass"], "DH-STORAGECLASS": ["pass"],
         "DH-CLUSTER-TOTALS": ["pass"], "DH-MONITORING-STORAGE": ["pass"], "DH-PV-NODESELECTOR": ["pass"], "DH-RELEASE-APPROVAL": ["n/a"],
         "DH-CHANNEL-ORDER": [channelOrder], "DH-ALERTS": ["pass"], "DH-ETCD-BACKUP": ["pass"], "DH-BACKUP-OFFSITE": ["fail"],
         "DH-DR-PLAN": ["fail"], "NODES-READY": ["pass"], "ETCD-SNAPSHOT": ["n/a"]]
    }

    @Test func demoReportsEveryRuleForBothClusters() throws {
        let result = try Self.run(["check", "--demo", "deckhouse", "--format", "json"])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        let reports = try Self.reports(result.stdout)
        #expect(reports.count == 2)
        let names = reports.map { ($0["target"] as? [String: Any])?["name"] as? String }
        #expect(names == ["dvp-north", "dvp-south"])
        #expect(Self.verdicts(reports[0]) == Self.northVerdicts(channelOrder: "pass"))
        #expect(Self.verdicts(reports[1]) == Self.southVerdicts(channelOrder: "pass"))
        for report in reports {
            #expect(Set(Self.verdicts(report).keys).isSuperset(of: DeckhouseRuleList.ids), "check --demo lists every rule")
        }
        #expect(reports.allSatisfy { ($0["probeErrors"] as? [Any])?.isEmpty == true })
        let table = try Self.run(["check", "--demo", "deckhouse"])
        #expect(table.stdout.contains("target: Deckhouse · ctx dvp-north") && table.stdout.contains("target: Deckhouse · ctx dvp-south"))
    }

    static func mergedKubeconfig(_ servers: [KubeAPIServerProcess]) -> String {
        var text = "apiVersion: v1\nkind: Config\nclusters:\n"
        for server in servers { text += "- name: \(server.context)\n  cluster: {server: \"\(server.url)\"}\n" }
        text += "users:\n- name: anon\n  user: {}\ncontexts:\n"
        for server in servers { text += "- name: \(server.context)\n  context: {cluster: \(server.context), user: anon}\n" }
        return text + "current-context: \(servers[0].context)\n"
    }

    @Test func severalContextsGiveOneReportEachAndTheWorstStatus() async throws {
        let north = try await KubeAPIServerProcess(stateJSON: DemoScenario.deckhouse.clusterJSONs[0], context: "dvp-north")
        let south = try await KubeAPIServerProcess(stateJSON: DemoScenario.deckhouse.clusterJSONs[1], context: "dvp-south")
        defer { north.stop(); south.stop() }
        let merged = north.directory + "/merged"
        try Self.mergedKubeconfig([north, south]).write(toFile: merged, atomically: true, encoding: .utf8)

        let both = try Self.run(["check", "--kubeconfig", merged, "--context", "dvp-north", "--context", "dvp-south", "--format", "json"])
        #expect(both.status == 1, "stderr: \(both.stderr)")
        let reports = try Self.reports(both.stdout)
        #expect(reports.map { (($0["target"] as? [String: Any])?["kube"] as? [String: Any])?["context"] as? String } == ["dvp-north", "dvp-south"])
        #expect(reports.map { ($0["target"] as? [String: Any])?["platform"] as? String } == ["deckhouse", "deckhouse"], "detected")
        #expect(Self.verdicts(reports[0]) == Self.northVerdicts(channelOrder: "n/a"))
        #expect(Self.verdicts(reports[1]) == Self.southVerdicts(channelOrder: "n/a"))

        // The estate file's env labels order the channels: north (Alpha) labelled dev and south
        // (Stable) prod is in order; the other way round, both clusters say it is not.
        for (northEnv, southEnv, verdict) in [("dev", "prod", "pass"), ("prod", "dev", "fail")] {
            let estate = north.directory + "/estate-\(northEnv).yaml"
            try """
            clusters:
              - name: dvp-north
                platform: deckhouse
                kubeconfig: \(merged)
                context: dvp-north
                labels: {env: \(northEnv)}
              - name: dvp-south
                platform: deckhouse
                kubeconfig: \(merged)
                context: dvp-south
                labels: {env: \(southEnv)}
            """.write(toFile: estate, atomically: true, encoding: .utf8)
            let ordered = try Self.run(["check", "--estate", estate, "--format", "json"])
            let estateReports = try Self.reports(ordered.stdout)
            #expect(estateReports.count == 2, "stderr: \(ordered.stderr)")
            for report in estateReports {
                let finding = (report["findings"] as? [[String: Any]] ?? []).first { ($0["rule"] as? [String: Any])?["id"] as? String == "DH-CHANNEL-ORDER" }
                #expect(finding?["verdict"] as? String == verdict, "\(northEnv)/\(southEnv): \(String(describing: finding?["message"]))")
            }
        }

        let all = try Self.run(["check", "--kubeconfig", merged, "--all-contexts", "--format", "json"])
        #expect(try Self.reports(all.stdout).count == 2, "stderr: \(all.stderr)")

        // South alone is clean at --fail-on error, and one cluster keeps the single-report shape.
        let one = try Self.run(["check", "--kubeconfig", merged, "--context", "dvp-south", "--format", "json"])
        #expect(one.status == 0, "stderr: \(one.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(one.stdout.utf8))
        #expect(object is [String: Any])

        // One unreadable cluster makes the whole run exit 2, and says which.
        try await south.setFault("forbidden")
        let denied = try Self.run(["check", "--kubeconfig", merged, "--context", "dvp-north", "--context", "dvp-south", "--platform", "deckhouse"])
        #expect(denied.status == 2)
        #expect(denied.stderr.contains("dvp-south: could not read"))
    }
}
