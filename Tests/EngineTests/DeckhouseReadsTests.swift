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

/// The Deckhouse reads this issue added: kinds served at several versions, the ModuleConfig
/// list, the ingress pods' requests, the backup Jobs, the releases' approval and requirements.
@Suite struct DeckhouseReadsTests {
    /// Answers `kubectl get --raw PATH` from a table; other paths get the server's NotFound.
    struct Paths: CommandRunner {
        let answers: [String: String]
        func run(_ command: Command) async throws(RunError) -> CommandOutput {
            guard let path = command.arguments.last, let body = answers[path] else {
                throw .nonZeroExit(command: command.displayLine, status: 1,
                                   stderr: "Error from server (NotFound): the server could not find the requested resource")
            }
            return CommandOutput(text: body)
        }
    }

    static let groups = #"{"items":[{"metadata":{"name":"master"},"spec":{"nodeType":"Static"}}]}"#

    @Test func aKindIsReadAtV1AndAtV1alpha1WhereV1IsNotServed() async {
        let kube = KubeTarget(kubeconfig: "/k", context: "c")
        let current = KubernetesProbe(runner: Paths(answers: [DeckhouseNames.nodeGroups: Self.groups]), target: kube)
        let read = await DeckhouseProbe.newest(current, "NodeGroups", [DeckhouseNames.nodeGroups, DeckhouseNames.nodeGroupsV1Alpha1], DeckhouseDecoder.nodeGroups)
        #expect(read.value?.map(\.name) == ["master"])
        // An older cluster serves v1alpha1 only.
        let older = KubernetesProbe(runner: Paths(answers: [DeckhouseNames.nodeGroupsV1Alpha1: Self.groups]), target: kube)
        let fallback = await DeckhouseProbe.newest(older, "NodeGroups", [DeckhouseNames.nodeGroups, DeckhouseNames.nodeGroupsV1Alpha1], DeckhouseDecoder.nodeGroups)
        #expect(fallback.value?.first?.roles == [.master])
        // Neither: the NotFound stands.
        let none = KubernetesProbe(runner: Paths(answers: [:]), target: kube)
        let missing = await DeckhouseProbe.newest(none, "NodeGroups", [DeckhouseNames.nodeGroups, DeckhouseNames.nodeGroupsV1Alpha1], DeckhouseDecoder.nodeGroups)
        #expect(missing.error?.kind == .notFound)
    }

    @Test func moduleConfigsGiveStorageClassesAndNodeSelectors() throws {
        let json = #"""
        {"items":[{"metadata":{"name":"prometheus"},"spec":{"enabled":true,"settings":{"storageClass":"fast","longtermStorageClass":"slow",
                    "nodeSelector":{"node-role.deckhouse.io/monitoring":""}}}},
                  {"metadata":{"name":"upmeter"},"spec":{"enabled":false}},
                  {"metadata":{"name":"loki"},"spec":{"settings":{"nodeSelector":"broken","storageClass":7}}}]}
        """#
        let modules = try DeckhouseDecoder.moduleSettings(Array(json.utf8))
        #expect(modules[0] == DeckhouseModuleSettings(name: "prometheus", enabled: true, storageClass: "fast", longtermStorageClass: "slow",
                                                      nodeSelector: ["node-role.deckhouse.io/monitoring"]))
        #expect(modules[1].enabled == false && modules[1].nodeSelector.isEmpty)
        #expect(modules[2].nodeSelector.isEmpty && modules[2].storageClass == "7", "a malformed value is read as what it says, never a crash")
    }

    @Test func ingressPodsAddTheirContainersRequests() throws {
        let json = #"""
        {"items":[{"metadata":{"name":"controller-main-a","labels":{"app":"controller","name":"main"}},
                   "spec":{"nodeName":"front-0","containers":[{"resources":{"requests":{"cpu":"350m","memory":"500Mi","ephemeral-storage":"150Mi"}}},
                                                              {"resources":{"requests":{"cpu":"10m","memory":"20Mi"}}},{"name":"no-requests"}]}},
                  {"metadata":{"name":"controller-main-b","labels":{"app":"controller","name":"main"}},"spec":{"containers":[{"resources":{"requests":{"ephemeral-storage":"1Gi"}}}]}}]}
        """#
        let pods = try DeckhouseDecoder.ingressPods(Array(json.utf8))
        #expect(pods[0] == DeckhouseIngressPod(name: "controller-main-a", controller: "main", nodeName: "front-0", cpuRequestMillis: 360, memoryRequestBytes: 520 << 20))
        #expect(pods[1].cpuRequestMillis == nil && pods[1].memoryRequestBytes == nil, "VPA mode: no CPU or memory request at all")
    }

    @Test func backupJobsCountRunsStartedByHand() throws {
        let json = #"""
        {"items":[{"metadata":{"name":"d8-etcd-backup-1-manual-1","ownerReferences":[{"kind":"CronJob","name":"d8-etcd-backup-1","controller":true}]},
                   "status":{"succeeded":1,"completionTime":"2025-06-07T10:00:00Z"}},
                  {"metadata":{"name":"d8-etcd-backup-1-29000","ownerReferences":[{"kind":"CronJob","name":"d8-etcd-backup-1"}]},
                   "status":{"failed":1}},
                  {"metadata":{"name":"other","ownerReferences":[{"kind":"CronJob","name":"nightly-dump"}]},"status":{"succeeded":1,"completionTime":"2025-06-07T11:00:00Z"}}]}
        """#
        let runs = try DeckhouseDecoder.etcdBackupRuns(Array(json.utf8))
        #expect(runs.keys.sorted() == ["d8-etcd-backup-1"])
        let cron = DeckhouseEtcdBackupJob(name: "d8-etcd-backup-1", schedule: "0 0 * * *", lastSuccess: ISO8601DateFormatter().date(from: "2025-06-06T00:05:00Z"))
        #expect(DeckhouseDecoder.merge([cron], runs: runs).first?.lastSuccess == ISO8601DateFormatter().date(from: "2025-06-07T10:00:00Z"))
    }

    @Test func releasesCarryApprovalAndRequirements() throws {
        let json = #"""
        {"items":[{"metadata":{"name":"v1.69.0","creationTimestamp":"2025-05-01T00:00:00Z"},"approved":false,
                   "spec":{"version":"v1.69.0","requirements":{"k8s":"1.28","ingressNginx":"1.9"}},"status":{"phase":"Pending","message":"Waiting for manual approval"}},
                  {"metadata":{"name":"v1.68.2","annotations":{"release.deckhouse.io/approved":"true"}},"spec":{"version":"v1.68.2","requirements":{"k8s":1.27}},
                   "status":{"phase":"Deployed"}}]}
        """#
        let releases = try DeckhouseDecoder.releases(Array(json.utf8))
        #expect(releases[0].approved == false && releases[0].minimumKubernetes == "1.28" && releases[0].message == "Waiting for manual approval")
        #expect(releases[0].createdAt == ISO8601DateFormatter().date(from: "2025-05-01T00:00:00Z"))
        #expect(releases[1].approved, "the approved annotation counts too")
        #expect(releases[1].minimumKubernetes == "1.27", "a number where the CRD has a string is read as its text")
    }
}
