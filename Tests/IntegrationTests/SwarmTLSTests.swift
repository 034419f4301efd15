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

/// A real dockerd that takes only TLS with client certificates on tcp://, read by the real
/// binary with `--docker-tls-verify --docker-cert-path`: the certificates are pinned at start
/// and named on every docker call.
@Suite(.serialized) struct SwarmTLSTests {
    @Test func aTLSDaemonIsReadWithThePinnedCertificates() async throws {
        try await SwarmIntegrationTests.withLab("tls") { lab in
            let tls = try await SwarmTLS.make(in: lab.root + "/tls", serverAddress: lab.managerAddress)
            _ = try await lab.startManager(extraArguments: tls.daemonArguments(address: lab.managerAddress))
            try await lab.initSwarm()
            let host = "tcp://\(lab.managerAddress):2376"

            // From the worker's namespace: the manager's address is routed only over the veth.
            let verified = try await SwarmCheck.run(["--platform", "swarm", "--docker-host", host, "--docker-tls-verify",
                                                     "--docker-cert-path", tls.client, "--format", "json"], netns: lab.workerNetns)
            #expect(verified.status == 1, "stderr: \(verified.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])
            #expect((report["probeErrors"] as? [Any])?.isEmpty == true, "every section read over TLS")
            #expect(verified.stdout.contains("SWARM-MULTINODE"))
            // The report names the pinned files (paths only; no key material is ever read).
            let docker = (report["target"] as? [String: Any])?["docker"] as? [String: Any]
            let pinned = docker?["tls"] as? [String: Any]
            #expect(pinned?["verify"] as? Bool == true)
            #expect(pinned?["caCert"] as? String == tls.client + "/ca.pem")

            // The same daemon without TLS: refused, and the report says the cluster could not be read.
            let plain = try await SwarmCheck.run(["--platform", "swarm", "--docker-host", host], netns: lab.workerNetns)
            #expect(plain.status == 2, "stdout: \(plain.stdout.prefix(400))")

            // TLS asked for without a CA to check against: refused at start, by name.
            let noCA = try await SwarmCheck.run(["--platform", "swarm", "--docker-host", host, "--docker-tls-verify",
                                                 "--docker-cert-path", lab.root], netns: lab.workerNetns)
            #expect(noCA.status != 0 && noCA.stderr.contains("ca.pem"), "stderr: \(noCA.stderr)")
        }
    }
}
