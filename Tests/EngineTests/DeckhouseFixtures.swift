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

/// Small builders for Deckhouse states used across rule tests: a healthy cluster by
/// default, each test breaking one thing.
enum DeckhouseFixtures {
    static let target = Target(name: "dh", platform: .deckhouse, kube: KubeTarget(kubeconfig: "/k", context: "dh"))
    static let now = ISO8601DateFormatter().date(from: "2025-06-07T12:00:00Z")!

    static func node(_ name: String, _ roles: [DeckhouseNodeRole], cpu: Int = 4, memoryGB: Double = 8.3, diskGB: Double = 62) -> DeckhouseNode {
        DeckhouseNode(name: name, roles: roles, cpuMillis: cpu * 1000, memoryBytes: Int64(memoryGB * 1e9), diskBytes: Int64(diskGB * 1e9))
    }

    static var healthyNodes: [DeckhouseNode] {
        (0..<3).map { node("master-\($0)", [.master]) }
            + (0..<2).map { node("front-\($0)", [.frontend], cpu: 2, memoryGB: 4.2, diskGB: 52) }
            + (0..<2).map { node("system-\($0)", [.system]) }
            + [node("worker-0", [], cpu: 8, memoryGB: 33)]
    }

    static func settings(channel: String? = "Stable", mode: String? = "Auto",
                         windows: [UpdateWindowSpec] = [UpdateWindowSpec(from: "1:00", to: "4:00", days: ["Sat"])]) -> DeckhouseUpdateSettings {
        DeckhouseUpdateSettings(releaseChannel: channel, mode: mode, rawWindows: windows)
    }

    static func deckhouse(settings: DeckhouseUpdateSettings = settings(), nodes: [DeckhouseNode] = healthyNodes,
                          inlet: String? = "HostPort", receivers: Int = 1, storageClass: String? = "ceph-ssd",
                          version: String? = "Automatic", deployedDaysAgo: Double = 30,
                          backupHoursAgo: Double? = 5) -> DeckhouseState {
        var state = DeckhouseState()
        state.settings = .loaded(settings)
        state.nodes = .loaded(nodes)
        state.releases = .loaded([
            DeckhouseRelease(name: "v1.68.0", version: "v1.68.0", phase: "Deployed", since: now.addingTimeInterval(-deployedDaysAgo * 86_400)),
            DeckhouseRelease(name: "v1.67.0", version: "v1.67.0", phase: "Superseded", since: now.addingTimeInterval(-90 * 86_400)),
        ])
        state.kubernetesVersion = .loaded(version)
        state.nodeGroups = .loaded([])
        state.ingressControllers = .loaded([DeckhouseIngressController(name: "main", inlet: inlet)])
        state.alertmanagers = .loaded([DeckhouseAlertmanager(name: "ops", type: "Internal", receivers: receivers)])
        state.storageClass = .loaded(storageClass)
        state.etcdBackupJobs = .loaded(backupHoursAgo.map {
            [DeckhouseEtcdBackupJob(name: "d8-etcd-backup-1", schedule: "0 0 * * *", lastSuccess: now.addingTimeInterval(-$0 * 3600))]
        } ?? [])
        return state
    }

    static func state(_ deckhouse: DeckhouseState) -> ClusterState {
        var state = ClusterState(target: target)
        state.deckhouse = .loaded(deckhouse)
        return state
    }

    static func findings(_ rule: any Rule, _ deckhouse: DeckhouseState, policy: Policy = .default) -> [Finding] {
        rule.evaluate(state(deckhouse), policy: policy)
    }

    static func verdicts(_ rule: any Rule, _ deckhouse: DeckhouseState, policy: Policy = .default) -> [Verdict] {
        findings(rule, deckhouse, policy: policy).map(\.verdict)
    }
}
