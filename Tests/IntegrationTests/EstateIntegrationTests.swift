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

/// The estate (issue 13) against real services at once: a real dockerd swarm, a real etcd
/// cluster and the Kubernetes API test server behind the real kubectl, in one estate file, one
/// `check` and one console in tmux; and each platform found from the environment alone.
@Suite(.serialized) struct EstateIntegrationTests {
    /// Every real service up, an estate file naming them, and a clean environment with nothing
    /// else in it (no kubeconfig, no DOCKER_HOST, no ETCDCTL_ENDPOINTS of the machine's own).
    struct Estate {
        let lab: SwarmLab
        let manager: SwarmDaemon
        let etcd: EtcdCluster
        let kube: KubeAPIServerProcess
        let directory: String
        let file: String

        var environment: [String: String] {
            var env = ProcessRunner.explicitEnvironment()
            env["HOME"] = directory
            env["XDG_CONFIG_HOME"] = directory + "/config"
            env["XDG_STATE_HOME"] = directory + "/state"
            env["KUBECACHEDIR"] = directory + "/kubecache"
            return env
        }

        func stop() async {
            kube.stop()
            etcd.shutdown()
            await lab.tearDown()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func withEstate(_ body: (Estate) async throws -> Void) async throws {
        let lab = try await SwarmLab.create()
        var etcd: EtcdCluster?
        var kube: KubeAPIServerProcess?
        var failure: (any Error)?
        do {
            let manager = try await lab.startManager()
            try await lab.initSwarm()
            etcd = try await EtcdCluster.start()
            kube = try await KubeAPIServerProcess(stateJSON: DemoScenario.workflow.json)
            let directory = try TestPaths.temporaryDirectory("estate")
            let file = directory + "/estate.yaml"
            try """
            parallel: 2
            clusters:
              - name: wf-prod
                kubeconfig: \(kube!.kubeconfig)
                context: \(kube!.context)
                labels: {env: prod}
                production: true
              - name: swarm-a
                dockerHost: \(manager.host)
              - name: etcd-a
                etcdEndpoints: [\(etcd!.endpoints.joined(separator: ", "))]
                readOnly: true
            """.write(toFile: file, atomically: true, encoding: .utf8)
            try await body(Estate(lab: lab, manager: manager, etcd: etcd!, kube: kube!, directory: directory, file: file))
        } catch { failure = error }
        kube?.stop()
        etcd?.shutdown()
        await lab.tearDown()
        if let failure { throw failure }
    }

    static func run(_ arguments: [String], _ estate: Estate, environment extra: [String: String] = [:]) throws -> SpawnedBinary.Result {
        try SpawnedBinary.run(TestPaths.shipshapeBinary, arguments, environment: estate.environment.merging(extra) { _, new in new }, timeout: 120)
    }

    @Test func oneCheckReportsEveryClusterOfTheEstate() async throws {
        try await Self.withEstate { estate in
            let result = try Self.run(["check", "--estate", estate.file, "--format", "json"], estate)
            #expect(result.status == 1, "\(result.stderr)")
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            let targets = reports.compactMap { $0["target"] as? [String: Any] }
            #expect(targets.compactMap { $0["name"] as? String } == ["wf-prod", "swarm-a", "etcd-a"])
            #expect(targets.compactMap { $0["platform"] as? String } == ["workflow", "swarm", "etcd"], "detected without --platform")
            #expect(targets[0]["production"] as? Bool == true && (targets[0]["labels"] as? [String: String]) == ["env": "prod"])
            #expect(reports.allSatisfy { ($0["probeErrors"] as? [Any])?.isEmpty == true }, "\(result.stderr)")
            func ids(_ report: [String: Any]) -> Set<String> {
                Set((report["findings"] as? [[String: Any]] ?? []).compactMap { ($0["rule"] as? [String: Any])?["id"] as? String })
            }
            #expect(ids(reports[0]).contains("WF-ROUTER-SCALE") && ids(reports[1]).contains("SWARM-MULTINODE"))
            #expect(ids(reports[2]) == ["ETCD-QUORUM", "ETCD-SNAPSHOT"])

            let sarif = try Self.run(["check", "--estate", estate.file, "--format", "sarif"], estate)
            let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
            let runs = try #require(log["runs"] as? [[String: Any]])
            #expect(runs.compactMap { ($0["automationDetails"] as? [String: Any])?["id"] as? String }
                    == ["shipshape/wf-prod/", "shipshape/swarm-a/", "shipshape/etcd-a/"])
            #expect(try await Validators.sarif(sarif.stdout) == nil)

            // --cluster picks from the file; a name the file lacks is refused naming the rest.
            let one = try Self.run(["check", "--estate", estate.file, "--cluster", "swarm-a", "--format", "json"], estate)
            #expect((try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])?["target"] != nil)
            let typo = try Self.run(["check", "--estate", estate.file, "--cluster", "swarm-b"], estate)
            #expect(typo.status == 2 && typo.stderr.contains("no cluster named \"swarm-b\" (the estate has: wf-prod, swarm-a, etcd-a)"))
        }
    }

    @Test func aFixOverTwoClustersRefusesNamingBothAndWritesNothing() async throws {
        try await Self.withEstate { estate in
            try await estate.kube.resetRequests()
            let result = try Self.run(["fix", "WF-ROUTER-SCALE", "--yes", "--estate", estate.file], estate)
            #expect(result.status == 2)
            #expect(result.stderr.contains("fix acts on exactly one cluster, and 3 are named: wf-prod (Deis Workflow), swarm-a (Docker Swarm), etcd-a (etcd)"),
                    "\(result.stderr)")
            let writes = try await estate.kube.requests().filter { ($0["write"] as? Bool) == true }
            #expect(writes.isEmpty, "a refused fix wrote: \(writes)")
            #expect(try await estate.kube.replicas(of: "deis-router") == 1)
            // Named, the one cluster is fixed.
            let named = try Self.run(["fix", "WF-ROUTER-SCALE", "--yes", "--estate", estate.file, "--cluster", "wf-prod"], estate)
            #expect(named.status == 0, "\(named.stderr)")
            #expect(try await estate.kube.replicas(of: "deis-router") == 2)
            // A cluster marked readOnly refuses every change, from the command line too.
            let locked = try Self.run(["records", "drill", "--yes", "--estate", estate.file, "--cluster", "etcd-a"], estate)
            #expect(locked.status == 2 && locked.stderr.contains("etcd-a is marked readOnly in the estate file"), "\(locked.stderr)")
        }
    }

    @Test func eachPlatformIsFoundFromTheEnvironmentAlone() async throws {
        try await Self.withEstate { estate in
            func platforms(_ env: [String: String]) throws -> [String] {
                let result = try Self.run(["check", "--format", "json", "--exit-zero"], estate, environment: env)
                let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
                let reports = (json as? [[String: Any]]) ?? [json as? [String: Any] ?? [:]]
                return reports.compactMap { ($0["target"] as? [String: Any])?["platform"] as? String }
            }
            #expect(try platforms(["KUBECONFIG": estate.kube.kubeconfig]) == ["workflow"])
            #expect(try platforms(["DOCKER_HOST": estate.manager.host]) == ["swarm"])
            #expect(try platforms(["ETCDCTL_ENDPOINTS": estate.etcd.endpoints.joined(separator: ",")]) == ["etcd"])
            #expect(try platforms(["KUBECONFIG": estate.kube.kubeconfig, "DOCKER_HOST": estate.manager.host,
                                   "ETCDCTL_ENDPOINTS": estate.etcd.endpoints[0]]) == ["workflow", "swarm", "etcd"])
            // Nothing named anywhere: a clear error listing where shipshape looked.
            let none = try Self.run(["check"], estate)
            #expect(none.status == 2 && none.stderr.contains("no cluster named") && none.stderr.contains("DOCKER_HOST"))
            // A Deckhouse cluster is told from a Workflow one by what it serves.
            let deckhouse = try await KubeAPIServerProcess(stateJSON: DemoScenario.deckhouse.clusterJSONs[0])
            defer { deckhouse.stop() }
            #expect(try platforms(["KUBECONFIG": deckhouse.kubeconfig]) == ["deckhouse"])
        }
    }

    @Test func oneConsoleShowsTheWholeEstateOnTheBoard() async throws {
        try await Self.withEstate { estate in
            let terminal = SwarmTerminal(socket: estate.directory + "/tmux.sock")
            defer { Task { await terminal.stop() } }
            try await terminal.tmux(["new-session", "-d", "-s", terminal.session, "-x", "200", "-y", "50", "env"]
                                    + estate.environment.map { "\($0.key)=\($0.value)" }
                                    + [TestPaths.shipshapeBinary, "--estate", estate.file, "--refresh", "0"])
            let board = try await terminal.waitFor("etcd-a", timeout: 60)
            #expect(board.contains("Estate (3)") && board.contains("wf-prod") && board.contains("swarm-a"))
            let screen = try await terminal.waitFor("3/3, tolerates 1", timeout: 60)
            let rows = screen.split(separator: "\n").map(String.init)
            #expect(rows.first { $0.contains("wf-prod") }?.contains("PROD") == true)
            #expect(rows.first { $0.contains("etcd-a") }?.contains("RO") == true)
            #expect(rows.first { $0.contains("swarm-a") }?.contains("1/1 mgr, tolerates 0") == true)
            try await terminal.press("j")
            try await terminal.press("Enter")
            try await terminal.waitFor("Ingress")
            try await terminal.press("Escape")
            try await terminal.waitFor("Estate (3)")
            try await terminal.press("q")
        }
    }
}
