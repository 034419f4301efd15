import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform

/// The bundled Deckhouse demo: two clusters side by side. `dvp-north` (estate label `env:
/// dev`) follows Alpha in AutoPatch mode and has the problems — 2 masters, one frontend node
/// behind a `HostWithFailover` inlet, system nodes below the size they need without
/// monitoring nodes, infrastructure nodes short of the guide's 24 CPU / 48 GB, no Alertmanager
/// receiver, no storage class for Deckhouse components or monitoring, and a new minor release
/// waiting 20 days for its approval. `dvp-south` (`env: prod`) follows Stable and is in shape:
/// a pinned Kubernetes 1.30 its release allows (it requires ≥ 1.28), monitoring nodes with a
/// prometheus nodeSelector, two frontends that each carry the ingress pods' requests. Neither
/// has an off-cluster backup copy on record. Their update windows overlap on Saturday
/// 03:00–05:00 UTC — harmless while the channels differ, a DH-WINDOWS-OVERLAP failure (and
/// a DH-CHANNEL-ORDER one: dev no longer ahead of prod) once north moves to Stable. Times are relative to `now`, so
/// the age rules give the same verdicts whenever the demo runs. Same format as the
/// Kubernetes API test server's state file, so tests can serve it to the real kubectl.
enum DeckhouseScenario {
    static let contexts = ["dvp-north", "dvp-south"]
    /// Their estate labels: the tiers DH-CHANNEL-ORDER compares.
    static let labels = [["env": "dev"], ["env": "prod"]]
    static let servedGroups = ["apps", "autoscaling", "batch", "rbac.authorization.k8s.io", "deckhouse.io"]

    static func json(cluster index: Int, now: Date = Date()) -> String {
        let objects = index == 0 ? north(now) : south(now)
        let root: [String: Any] = ["servedGroups": servedGroups, "objects": objects]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func north(_ now: Date) -> [String: Any] {
        let p = "dvp-north"
        return [
            DeckhouseNames.moduleConfigs: [
                moduleConfig("deckhouse", settings: ["releaseChannel": "Alpha",
                                                     "update": ["mode": "AutoPatch", "windows": [["from": "01:00", "to": "05:00", "days": ["Sat"]]]]]),
                moduleConfig("global", settings: ["modules": ["publicDomainTemplate": "%s.north.example.com"]]),
            ],
            DeckhouseNames.releases: [
                release("v1.69.0", phase: "Pending", since: now.addingTimeInterval(-20 * 86_400), requires: "1.28",
                        message: "Release is waiting for manual approval"),
                release("v1.68.2", phase: "Deployed", since: now.addingTimeInterval(-3 * 86_400), requires: "1.27"),
                release("v1.67.5", phase: "Superseded", since: now.addingTimeInterval(-24 * 86_400), requires: "1.27"),
            ],
            "/api/v1/namespaces/kube-system/secrets": [clusterConfiguration(version: "Automatic")],
            "/api/v1/nodes": [
                node("\(p)-master-0", group: "master", cpu: "4", memory: "8148224Ki", disk: "61255492Ki"),
                node("\(p)-master-1", group: "master", cpu: "4", memory: "8148224Ki", disk: "61255492Ki"),
                node("\(p)-front-0", group: "frontend", role: "frontend", cpu: "2", memory: "4026104Ki", disk: "51255492Ki"),
                node("\(p)-system-0", group: "system", role: "system", cpu: "2", memory: "4026104Ki", disk: "41152812Ki"),
                node("\(p)-system-1", group: "system", role: "system", cpu: "2", memory: "4026104Ki", disk: "41152812Ki"),
                node("\(p)-worker-0", group: "worker", cpu: "8", memory: "32880412Ki", disk: "102893916Ki"),
                node("\(p)-worker-1", group: "worker", cpu: "8", memory: "32880412Ki", disk: "102893916Ki"),
            ],
            DeckhouseNames.nodeGroups: [nodeGroup("master", nodes: 2), nodeGroup("frontend", role: "frontend", nodes: 1),
                                        nodeGroup("system", role: "system", nodes: 2), nodeGroup("worker", nodes: 2)],
            DeckhouseNames.ingressControllersV1Alpha1: [ingress("main", inlet: "HostWithFailover")],
            ingressPodsPath: [ingressPod("controller-main-7dq2x", controller: "main", node: "\(p)-front-0"),
                              ingressPod("controller-main-failover-k8v4n", controller: "main-failover", node: "\(p)-front-0")],
            DeckhouseNames.alertmanagers: [[String: Any]](),
            DeckhouseNames.cronJobs: [backupJob(lastSuccess: now.addingTimeInterval(-5 * 3_600))],
            DeckhouseNames.jobs: [[String: Any]](),
        ]
    }

    static func south(_ now: Date) -> [String: Any] {
        let p = "dvp-south"
        return [
            DeckhouseNames.moduleConfigs: [
                moduleConfig("deckhouse", settings: ["releaseChannel": "Stable",
                                                     "update": ["mode": "Auto", "windows": [
                                                        ["from": "03:00", "to": "06:00", "days": ["Sat", "Sun"]],
                                                        ["from": "22:00", "to": "02:00", "days": ["Wed"]]]]]),
                moduleConfig("global", settings: ["modules": ["storageClass": "ceph-ssd-r3"]]),
                moduleConfig("prometheus", settings: ["longtermStorageClass": "ceph-ssd-r3", "nodeSelector": ["node-role.deckhouse.io/monitoring": ""]]),
            ],
            DeckhouseNames.releases: [
                release("v1.67.5", phase: "Deployed", since: now.addingTimeInterval(-40 * 86_400), requires: "1.28"),
                release("v1.66.9", phase: "Superseded", since: now.addingTimeInterval(-75 * 86_400), requires: "1.27"),
            ],
            "/api/v1/namespaces/kube-system/secrets": [clusterConfiguration(version: "1.30")],
            "/api/v1/nodes": (0..<3).map { node("\(p)-master-\($0)", group: "master", cpu: "4", memory: "8148224Ki", disk: "61255492Ki") }
                + (0..<2).map { node("\(p)-front-\($0)", group: "frontend", role: "frontend", cpu: "2", memory: "4026104Ki", disk: "51255492Ki") }
                + (0..<2).map { node("\(p)-system-\($0)", group: "system", role: "system", cpu: "2", memory: "4026104Ki", disk: "51255492Ki") }
                + (0..<2).map { node("\(p)-monitoring-\($0)", group: "monitoring", role: "monitoring", cpu: "4", memory: "16296448Ki", disk: "51255492Ki") }
                + (0..<2).map { node("\(p)-worker-\($0)", group: "worker", cpu: "8", memory: "32880412Ki", disk: "102893916Ki") },
            DeckhouseNames.nodeGroups: [nodeGroup("master", nodes: 3), nodeGroup("frontend", role: "frontend", nodes: 2),
                                        nodeGroup("system", role: "system", nodes: 2), nodeGroup("monitoring", role: "monitoring", nodes: 2),
                                        nodeGroup("worker", nodes: 2)],
            DeckhouseNames.ingressControllersV1Alpha1: [ingress("main", inlet: "HostPort")],
            ingressPodsPath: (0..<2).map { ingressPod("controller-main-\($0 == 0 ? "b7x2m" : "q9z4w")", controller: "main", node: "\(p)-front-\($0)") },
            DeckhouseNames.alertmanagers: [
                ["metadata": ["name": "ops-webhook"],
                 "spec": ["type": "Internal", "internal": ["receivers": [["name": "ops", "webhookConfigs": [["url": "https://hooks.example.net/alerts"]]]],
                                                           "route": ["receiver": "ops"]]]],
            ],
            DeckhouseNames.cronJobs: [backupJob(lastSuccess: now.addingTimeInterval(-6 * 3_600))],
            DeckhouseNames.jobs: [[String: Any]](),
        ]
    }

    /// The collection the ingress pods are served from (the read adds a label selector).
    static let ingressPodsPath = "/api/v1/namespaces/d8-ingress-nginx/pods"

    /// A controller pod as Deckhouse's template makes it: the controller with its static
    /// requests, and the two sidecars.
    static func ingressPod(_ name: String, controller: String, node: String) -> [String: Any] {
        let container = { (name: String, cpu: String, memory: String) -> [String: Any] in
            ["name": name, "image": "registry.deckhouse.io/deckhouse/ce/ingress-nginx/\(name):demo",
             "resources": ["requests": ["cpu": cpu, "memory": memory, "ephemeral-storage": "150Mi"]]]
        }
        return ["metadata": ["name": name, "namespace": "d8-ingress-nginx", "labels": ["app": "controller", "name": controller]],
                "spec": ["nodeName": node, "containers": [container("controller", "350m", "500Mi"), container("protobuf-exporter", "10m", "20Mi"),
                                                          container("kube-rbac-proxy", "10m", "20Mi")]],
                "status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]]]
    }

    static func moduleConfig(_ name: String, settings: [String: Any]) -> [String: Any] {
        ["metadata": ["name": name], "spec": ["version": 1, "enabled": true, "settings": settings]]
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    static func release(_ version: String, phase: String, since: Date, requires kubernetes: String, message: String = "") -> [String: Any] {
        ["metadata": ["name": version, "creationTimestamp": timestamp(since)], "approved": phase != "Pending",
         "spec": ["version": version, "requirements": ["k8s": kubernetes]],
         "status": ["phase": phase, "transitionTime": timestamp(since), "message": message]]
    }

    /// The real secret holds more than the ClusterConfiguration; the demo carries a decoy
    /// key so tests can show it is never read.
    static func clusterConfiguration(version: String) -> [String: Any] {
        let yaml = """
        apiVersion: deckhouse.io/v1
        kind: ClusterConfiguration
        clusterType: Static
        kubernetesVersion: "\(version)"
        podSubnetCIDR: 10.111.0.0/16
        serviceSubnetCIDR: 10.222.0.0/16
        clusterDomain: cluster.local
        defaultCRI: Containerd

        """
        return ["metadata": ["name": "d8-cluster-configuration", "namespace": "kube-system"], "type": "Opaque",
                "data": ["cluster-configuration.yaml": Data(yaml.utf8).base64EncodedString(),
                         "maxUsedControlPlaneKubernetesVersion": Data("1.30".utf8).base64EncodedString(),
                         "demo-decoy-token": Data("never-read-this-value".utf8).base64EncodedString()]]
    }

    static func node(_ name: String, group: String, role: String? = nil, cpu: String, memory: String, disk: String) -> [String: Any] {
        var labels = ["kubernetes.io/hostname": name, "node.deckhouse.io/group": group, "node.deckhouse.io/type": "Static",
                      "node-role.kubernetes.io/\(group)": ""]
        if group == "master" { labels["node-role.kubernetes.io/control-plane"] = "" }
        if let role { labels["node-role.deckhouse.io/\(role)"] = "" }
        return ["metadata": ["name": name, "labels": labels],
                "status": ["capacity": ["cpu": cpu, "memory": memory, "ephemeral-storage": disk, "pods": "110"],
                           "conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady"]],
                           "nodeInfo": ["kubeletVersion": "v1.30.10"]]]
    }

    static func nodeGroup(_ name: String, role: String? = nil, nodes: Int) -> [String: Any] {
        var spec: [String: Any] = ["nodeType": "Static"]
        if let role {
            spec["nodeTemplate"] = ["labels": ["node-role.deckhouse.io/\(role)": ""],
                                    "taints": [["effect": "NoExecute", "key": "dedicated.deckhouse.io", "value": role]]]
        }
        return ["metadata": ["name": name], "spec": spec, "status": ["nodes": nodes, "ready": nodes]]
    }

    static func ingress(_ name: String, inlet: String) -> [String: Any] {
        ["metadata": ["name": name],
         "spec": ["ingressClass": "nginx", "inlet": inlet, "nodeSelector": ["node-role.deckhouse.io/frontend": ""]]]
    }

    static func backupJob(lastSuccess: Date) -> [String: Any] {
        ["metadata": ["name": "d8-etcd-backup-0c1f7e2d", "namespace": "kube-system"],
         "spec": ["schedule": "0 0 * * *", "suspend": false, "concurrencyPolicy": "Forbid",
                  "jobTemplate": ["spec": ["backoffLimit": 0, "template": ["spec": [
                      "restartPolicy": "Never", "nodeName": "master-0",
                      "containers": [["name": "backup", "image": "registry.deckhouse.io/deckhouse/ce/control-plane-manager/etcd-backup:demo",
                                      "command": ["/backup.sh"]]]]]]]],
         "status": ["lastScheduleTime": timestamp(lastSuccess), "lastSuccessfulTime": timestamp(lastSuccess)]]
    }
}
