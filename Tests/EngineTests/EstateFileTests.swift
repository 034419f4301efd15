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

/// The estate file (issue 13): named clusters of any platform, strict like the policy file —
/// every mistake names the file and the line.
@Suite struct EstateFileTests {
    let loader = EstateFileLoader(platforms: PlatformRegistry.standard.ids, environment: ["HOME": "/home/op"])

    @Test func everyPlatformWithLabelsFlagsAndConnections() throws {
        let estate = try loader.parse("""
        parallel: 4
        clusters:
          - name: prod-eu
            platform: workflow
            kubeconfig: ~/.kube/prod.yaml
            context: prod-eu
            etcdEndpoints: [http://10.0.0.5:2379, http://10.0.0.6:2379]
            labels: {env: prod, team: payments}
            production: true
            readOnly: true
          - name: swarm-a
            dockerHost: tcp://10.0.4.10:2376
            dockerTLSVerify: true
            dockerCertPath: /etc/docker/certs
          - name: deis-legacy
            fleetEndpoint: http://10.0.1.11:2379
            fleetDriver: etcd
            etcdEndpoints: http://10.0.1.11:2379,http://10.0.1.12:2379
          - name: etcd-a
            platform: etcd
            etcdEndpoints: [https://10.0.9.11:2379]
            etcdCACert: /etc/etcd/ca.pem
        """, file: "estate.yaml")
        #expect(estate.parallel == 4)
        #expect(estate.names == ["prod-eu", "swarm-a", "deis-legacy", "etcd-a"])
        let prod = estate.clusters[0]
        #expect(prod.platform == .workflow && prod.production && prod.readOnly)
        #expect(prod.kube == TargetRequest.Kube(kubeconfig: "/home/op/.kube/prod.yaml", context: "prod-eu"))
        #expect(prod.etcd?.endpoints == ["http://10.0.0.5:2379", "http://10.0.0.6:2379"])
        #expect(prod.labels == ["env": "prod", "team": "payments"])
        #expect(prod.origin == .estateFile(path: "estate.yaml", line: 3))
        #expect(estate.clusters[1].docker == TargetRequest.Docker(host: "tcp://10.0.4.10:2376", tlsVerify: true, certPath: "/etc/docker/certs"))
        #expect(estate.clusters[1].platform == nil, "detected, as the file names none")
        #expect(estate.clusters[2].fleet?.driver == "etcd" && estate.clusters[2].etcd?.endpoints.count == 2)
        #expect(estate.clusters[3].etcd?.cacert == "/etc/etcd/ca.pem")
    }

    @Test(arguments: [
        ("clusters:\n  - name: a\n    contxt: prod\n", 3, "unknown key 'contxt' in a cluster"),
        ("clusters:\n  - name: a\n    platform: kubernetes\n    context: x\n", 3, "unknown platform 'kubernetes'"),
        ("clusters:\n  - name: a\n    context: x\n  - name: a\n    context: y\n", 4, "the cluster \"a\" is named twice"),
        ("clusters:\n  - context: x\n", 2, "a cluster needs a name"),
        ("clusters:\n  - name: a\n    labels: {env: prod}\n", 2, "names no connection"),
        ("cluster:\n  - name: a\n", 1, "unknown key 'cluster' (expected clusters, parallel)"),
        ("parallel: 0\n", 1, "parallel must be a whole number"),
        ("clusters:\n  - name: a\n    context: x\n    readOnly: maybe\n", 4, "readOnly must be true or false"),
    ] as [(String, Int, String)])
    func mistakesNameTheFileAndLine(text: String, line: Int, message: String) {
        #expect {
            _ = try loader.parse(text, file: "/home/op/.config/shipshape/estate.yaml")
        } throws: { error in
            guard let error = error as? EstateError else { return false }
            return error.line == line && error.message.contains(message)
                && error.description.hasPrefix("/home/op/.config/shipshape/estate.yaml:\(line): ")
        }
    }

    @Test func clusterPicksByNameAndRefusesAnUnknownOneNamingTheRest() throws {
        let estate = try loader.parse("clusters:\n  - name: a\n    context: a\n  - name: b\n    dockerHost: unix:///x.sock\n", file: "e.yaml")
        #expect(try estate.pick(["b"]).map(\.name) == ["b"])
        #expect(throws: EstateError(file: "e.yaml", line: nil, "no cluster named \"c\" (the estate has: a, b)")) { try estate.pick(["c"]) }
    }

    @Test func theDefaultFileIsUnderXDGConfigHome() {
        #expect(EstateFileLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/h"]) == "/cfg/shipshape/estate.yaml")
        #expect(EstateFileLoader.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/shipshape/estate.yaml")
        #expect(EstateFileLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/shipshape/estate.yaml")
    }

    @Test func anEmptyFileIsAnEmptyEstate() throws {
        #expect(try loader.parse("", file: "e.yaml").clusters.isEmpty)
    }
}
