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
                          backupHoursAgo: Double? = 5, modules: [DeckhouseModuleSettings] = [],
                          ingressPods: [DeckhouseIngressPod]? = nil) -> DeckhouseState {
        var state = DeckhouseState()
        state.settings = .loaded(settings)
        state.nodes = .loaded(nodes)
        state.releases = .loaded([
            DeckhouseRelease(name: "v1.68.0", version: "v1.68.0", phase: "Deployed", since: now.addingTimeInterval(-deployedDaysAgo * 86_400),
                             approved: true, requirements: ["k8s": "1.28"], createdAt: now.addingTimeInterval(-deployedDaysAgo * 86_400)),
            DeckhouseRelease(name: "v1.67.0", version: "v1.67.0", phase: "Superseded", since: now.addingTimeInterval(-90 * 86_400),
                             approved: true, requirements: ["k8s": "1.27"]),
        ])
        state.kubernetesVersion = .loaded(version)
        state.nodeGroups = .loaded([])
        state.ingressControllers = .loaded([DeckhouseIngressController(name: "main", inlet: inlet)])
        state.alertmanagers = .loaded([DeckhouseAlertmanager(name: "ops", type: "Internal", receivers: receivers)])
        state.storageClass = .loaded(storageClass)
        state.etcdBackupJobs = .loaded(backupHoursAgo.map {
            [DeckhouseEtcdBackupJob(name: "d8-etcd-backup-1", schedule: "0 0 * * *", lastSuccess: now.addingTimeInterval(-$0 * 3600))]
        } ?? [])
        state.moduleSettings = .loaded(modules)
        state.ingressPods = .loaded(ingressPods ?? (0..<2).map { ingressPod("controller-main-\($0)", on: "front-\($0)") })
        return state
    }

    /// An ingress controller pod with Deckhouse's static requests (controller 350m/500Mi and
    /// two sidecars of 10m/20Mi each).
    static func ingressPod(_ name: String, on node: String, cpu: Int? = 370, memoryMiB: Int64? = 540) -> DeckhouseIngressPod {
        DeckhouseIngressPod(name: name, controller: "main", nodeName: node, cpuRequestMillis: cpu, memoryRequestBytes: memoryMiB.map { $0 << 20 })
    }

    static func release(_ version: String, _ phase: String, daysAgo: Double, approved: Bool = false, k8s: String? = nil) -> DeckhouseRelease {
        DeckhouseRelease(name: version, version: version, phase: phase, since: now.addingTimeInterval(-daysAgo * 86_400), approved: approved,
                         requirements: k8s.map { ["k8s": $0] } ?? [:], createdAt: now.addingTimeInterval(-daysAgo * 86_400))
    }

    static func state(_ deckhouse: DeckhouseState, labels: [String: String] = [:], records: Loaded<ConsoleRecords> = .notProbed) -> ClusterState {
        var target = target
        target.labels = labels
        var state = ClusterState(target: target)
        state.deckhouse = .loaded(deckhouse)
        state.records = records
        return state
    }

    static func findings(_ rule: any Rule, _ deckhouse: DeckhouseState, policy: Policy = .default) -> [Finding] {
        rule.evaluate(state(deckhouse), policy: policy)
    }

    static func verdicts(_ rule: any Rule, _ deckhouse: DeckhouseState, policy: Policy = .default) -> [Verdict] {
        findings(rule, deckhouse, policy: policy).map(\.verdict)
    }
}
