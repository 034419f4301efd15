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

/// Small builders for Deis v1 cluster states, so each rule test states only what matters.
enum Deis1Fixtures {
    static let allPlanes = ["controlPlane": "true", "dataPlane": "true", "routerMesh": "true"]

    static func machine(_ n: Int, metadata: [String: String] = allPlanes) -> FleetMachine {
        let id = String(format: "%02x", n) + String(repeating: "ab", count: 15)
        return FleetMachine(id: id, ip: "10.0.1.\(10 + n)", metadata: metadata)
    }

    static func unit(_ name: String, on machine: FleetMachine?, active: String = "active", sub: String = "running") -> FleetUnit {
        FleetUnit(name: name, machineID: machine?.id, machineIP: machine?.ip, active: active, sub: sub)
    }

    static func member(_ n: Int, health: EtcdHealth = .healthy, leader: UInt64? = 1 << 60, learner: Bool = false, raftIndex: UInt64 = 100) -> EtcdMember {
        let id = (1 << 60) + UInt64(n - 1)
        let answered: Bool = switch health { case .healthy, .unhealthy: true; default: false }
        return EtcdMember(
            id: id, name: "infra\(n)", peerURLs: ["http://10.0.1.\(10 + n):2380"], clientURLs: ["http://10.0.1.\(10 + n):2379"],
            isLearner: learner,
            status: answered ? EtcdEndpointStatus(endpoint: "http://10.0.1.\(10 + n):2379", memberID: id, version: "3.4.23", dbSize: 20480,
                                                  leader: leader, raftTerm: 2, raftIndex: raftIndex, raftAppliedIndex: raftIndex, isLearner: learner) : nil,
            health: health)
    }

    static func etcd(_ members: [EtcdMember], keys: [String: EtcdKeyValue]? = [:]) -> Loaded<EtcdState> {
        .loaded(EtcdState(clusterID: 7, members: members, keys: keys.map { .loaded(EtcdKeys($0)) } ?? .notProbed))
    }

    static func keys(_ entries: [String: EtcdKeyValue]) -> Loaded<EtcdState> {
        etcd([member(1), member(2), member(3)], keys: entries)
    }

    static func state(fleet: Loaded<FleetState> = .notProbed, etcd: Loaded<EtcdState> = .notProbed) -> ClusterState {
        var state = ClusterState(target: Target(name: "test", platform: .deis1))
        state.fleet = fleet
        state.etcd = etcd
        return state
    }

    static func fleet(_ machines: [FleetMachine], _ units: [FleetUnit], images: [String: Loaded<[String]>] = [:]) -> Loaded<FleetState> {
        .loaded(FleetState(machines: machines, units: units, images: images))
    }

    static func evaluate(_ rule: some Rule, _ state: ClusterState, policy: Policy = .default) -> [Finding] {
        rule.evaluate(state, policy: policy)
    }
}
