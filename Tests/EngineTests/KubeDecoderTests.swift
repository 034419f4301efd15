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

@Suite struct KubeDecoderTests {
    @Test func quantities() {
        #expect(KubeQuantity.cpuMillis("4") == 4000)
        #expect(KubeQuantity.cpuMillis("3500m") == 3500)
        #expect(KubeQuantity.cpuMillis("0.5") == 500)
        #expect(KubeQuantity.bytes("16386156Ki") == Int64(16_779_423_744))
        #expect(KubeQuantity.bytes("8Gi") == 8 << 30)
        #expect(KubeQuantity.bytes("1e9") == 1_000_000_000)
        #expect(KubeQuantity.bytes("500M") == 500_000_000)
        #expect(KubeQuantity.bytes("lots") == nil)
    }

    @Test func nodeRolesReadinessAndSanitising() throws {
        let json = #"""
        {"kind":"NodeList","items":[
          {"metadata":{"name":"cp-1","labels":{"node-role.kubernetes.io/control-plane":"","kubernetes.io/role":"master"}},
           "status":{"capacity":{"cpu":"4","memory":"8Gi"},"conditions":[{"type":"Ready","status":"True"}],"nodeInfo":{"kubeletVersion":"v1.32.4"}}},
          {"metadata":{"name":"evil\u001b]0;pwned\u0007"},"status":{"conditions":[{"type":"Ready","status":"Unknown"}]}},
          {"metadata":{"name":"bare"}}
        ]}
        """#
        let nodes = try KubeDecoder.nodes(Array(json.utf8))
        #expect(nodes[0].roles == ["control-plane", "master"])
        #expect(nodes[0].ready == true)
        #expect(nodes[0].cpuMillis == 4000)
        #expect(nodes[1].ready == false)
        #expect(!nodes[1].name.contains("\u{1b}"))
        #expect(nodes[1].name == "evil?]0;pwned?")
        #expect(nodes[2].ready == nil)
    }

    @Test func deploymentEnvDropsSecretValuesAndDefaultsReplicas() throws {
        let json = #"""
        {"items":[{"metadata":{"name":"deis-controller","namespace":"deis"},
          "spec":{"template":{"spec":{"containers":[{"name":"deis-controller","env":[
            {"name":"REGISTRATION_MODE","value":"enabled"},
            {"name":"DATABASE_PASSWORD","value":"hunter2"},
            {"name":"FROM_SECRET","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}]}]}}},
          "status":{}}]}
        """#
        let deployment = try KubeDecoder.deployments(Array(json.utf8))[0]
        #expect(deployment.desiredReplicas == 1)
        #expect(deployment.readyReplicas == 0)
        #expect(deployment.env("REGISTRATION_MODE")?.value == "enabled")
        #expect(deployment.env("DATABASE_PASSWORD")?.value == nil)
        #expect(deployment.env("FROM_SECRET")?.fromReference == true)
        #expect(!String(describing: deployment).contains("hunter2"))
    }

    @Test func secretsKeepOnlyMetadataAndCertificateExpiry() throws {
        let scenario = try JSONSerialization.jsonObject(with: Data(WorkflowScenario.json.utf8)) as! [String: Any]
        let objects = scenario["objects"] as! [String: Any]
        let list = try JSONSerialization.data(withJSONObject: ["items": objects["/api/v1/namespaces/deis/secrets"]!])
        let secrets = try KubeDecoder.secrets(Array(list))
        let cert = try #require(secrets.first { $0.name == "deis-router-platform-cert" })
        #expect(cert.type == "kubernetes.io/tls")
        #expect(cert.certificateNotAfter != nil)
        #expect(!String(describing: secrets).contains("demo-secret"))
    }

    @Test func malformedJSONThrows() {
        #expect(throws: (any Error).self) { try KubeDecoder.nodes(Array(#"{"kind":"NodeList","items":[{"metadata":"#.utf8)) }
    }
}
