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
import TestKit

/// Small builders for cluster states used across rule tests.
enum StateBuilders {
    static let target = Target(name: "test", platform: .workflow, kube: KubeTarget(kubeconfig: "/k", context: "c"))

    static func deployment(_ name: String, replicas: Int = 1, ready: Int? = nil, env: [String: String] = [:]) -> KubeDeployment {
        KubeDeployment(namespace: "deis", name: name, desiredReplicas: replicas, readyReplicas: ready ?? replicas,
                       containers: [.init(name: name, image: "deis/\(name)", env: env.sorted { $0.key < $1.key }.map {
                           .init(name: $0.key, value: $0.value, fromReference: false)
                       })])
    }

    static func node(_ name: String, ready: Bool? = true) -> KubeNode {
        KubeNode(name: name, roles: [], ready: ready, cpuMillis: 4000, memoryBytes: 8 << 30, kubeletVersion: "v1.32.4")
    }

    static func pod(_ name: String, node: String, ready: Bool = true) -> KubePod {
        KubePod(name: name, namespace: "deis", app: "deis-router", nodeName: node, ready: ready, phase: "Running")
    }

    static func state(deployments: [KubeDeployment] = [], pods: [KubePod] = [], nodes: [KubeNode] = [],
                      secrets: [KubeSecretMeta] = [], groups: [String] = ["apps"], roles: [String] = []) -> ClusterState {
        var k = KubernetesState()
        k.deployments = .loaded(deployments)
        k.pods = .loaded(pods)
        k.nodes = .loaded(nodes)
        k.secrets = .loaded(secrets)
        k.apiGroups = .loaded(groups)
        k.clusterRoles = .loaded(roles)
        return ClusterState(target: target, kubernetes: k)
    }
}
