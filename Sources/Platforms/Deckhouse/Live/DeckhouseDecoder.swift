import Foundation
import Yams
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform

/// Turns the bytes `kubectl get --raw` returns for Deckhouse objects into model values.
/// Pure: tested without a cluster. Cluster strings are sanitised here, once.
public enum DeckhouseDecoder {
    /// ModuleConfig `deckhouse` → release channel, update mode and windows.
    public static func updateSettings(_ bytes: [UInt8]) throws -> DeckhouseUpdateSettings {
        let config = try JSONDecoder().decode(DeckhouseWire.ModuleConfig.self, from: Data(bytes))
        let settings = config.spec?.settings
        let windows = (settings?.update?.windows ?? []).map { window in
            UpdateWindowSpec(from: window.from?.text ?? "", to: window.to?.text ?? "", days: window.days?.map(\.text))
        }
        return DeckhouseUpdateSettings(
            releaseChannel: settings?.releaseChannel.map { Sanitizer.line($0.text, maxLength: 40) },
            mode: settings?.update?.mode.map { Sanitizer.line($0.text, maxLength: 40) },
            rawWindows: windows)
    }

    /// ModuleConfig `global` → the storage class for Deckhouse components, if set.
    public static func storageClass(_ bytes: [UInt8]) throws -> String? {
        let config = try JSONDecoder().decode(DeckhouseWire.ModuleConfig.self, from: Data(bytes))
        let settings = config.spec?.settings
        let value = settings?.modules?.storageClass?.text ?? settings?.storageClass?.text
        return value.flatMap { $0.isEmpty || $0 == "null" ? nil : Sanitizer.line($0, maxLength: 120) }
    }

    /// The ModuleConfig list → each module's enabled flag, storage classes and nodeSelector keys.
    public static func moduleSettings(_ bytes: [UInt8]) throws -> [DeckhouseModuleSettings] {
        try JSONDecoder().decode(KubeWire.List<DeckhouseWire.ModuleConfig>.self, from: Data(bytes)).items.map { wire in
            let settings = wire.spec?.settings
            let text = { (value: LenientString?) -> String? in
                value.flatMap { $0.text.isEmpty || $0.text == "null" ? nil : Sanitizer.line($0.text, maxLength: 120) }
            }
            return DeckhouseModuleSettings(name: Sanitizer.line(wire.metadata.name), enabled: wire.spec?.enabled,
                                           storageClass: text(settings?.storageClass), longtermStorageClass: text(settings?.longtermStorageClass),
                                           nodeSelector: (settings?.nodeSelector?.keys ?? []).map { Sanitizer.line($0, maxLength: 120) })
        }
    }

    /// The ingress controllers' pods; a pod's requests are its containers' requests added up,
    /// nil for a resource no container requests.
    public static func ingressPods(_ bytes: [UInt8]) throws -> [DeckhouseIngressPod] {
        try JSONDecoder().decode(KubeWire.List<DeckhouseWire.IngressPod>.self, from: Data(bytes)).items.map { wire in
            let requests = (wire.spec?.containers ?? []).compactMap { $0.resources?.requests }
            let cpu = requests.compactMap { $0["cpu"].flatMap { KubeQuantity.cpuMillis($0.text) } }
            let memory = requests.compactMap { $0["memory"].flatMap { KubeQuantity.bytes($0.text) } }
            return DeckhouseIngressPod(name: Sanitizer.line(wire.metadata.name),
                                       controller: Sanitizer.line(wire.metadata.labels?["name"] ?? "?"),
                                       nodeName: wire.spec?.nodeName.map { Sanitizer.line($0) },
                                       cpuRequestMillis: cpu.isEmpty ? nil : cpu.reduce(0, +),
                                       memoryRequestBytes: memory.isEmpty ? nil : memory.reduce(0, +))
        }
    }

    public static func releases(_ bytes: [UInt8]) throws -> [DeckhouseRelease] {
        try JSONDecoder().decode(KubeWire.List<DeckhouseWire.Release>.self, from: Data(bytes)).items.map { wire in
            DeckhouseRelease(
                name: Sanitizer.line(wire.metadata.name),
                version: Sanitizer.line(wire.spec?.version ?? wire.metadata.name, maxLength: 60),
                phase: Sanitizer.line(wire.status?.phase ?? "Unknown", maxLength: 40),
                since: (wire.status?.transitionTime).flatMap(date) ?? wire.metadata.creationTimestamp.flatMap(date),
                approved: wire.approved ?? (wire.metadata.annotations?["release.deckhouse.io/approved"] == "true"),
                requirements: Dictionary(uniqueKeysWithValues: (wire.spec?.requirements ?? [:]).map {
                    (Sanitizer.line($0.key, maxLength: 60), Sanitizer.line($0.value.text, maxLength: 60))
                }),
                createdAt: wire.metadata.creationTimestamp.flatMap(date),
                message: wire.status?.message.map { Sanitizer.line($0, maxLength: 200) })
        }
    }

    /// The node list, decoded once: the Deckhouse view (roles, capacity with disk) and the
    /// generic `KubeNode` view (NODES-READY, the nodes pane) from the same bytes.
    public static func nodes(_ bytes: [UInt8]) throws -> (deckhouse: [DeckhouseNode], kube: [KubeNode]) {
        try bytes.withUnsafeBufferPointer { try nodes($0) }
    }

    /// The node list through the same one-pass scanner as every Kubernetes platform (read in
    /// place, 38 ms at 5,000 nodes where `JSONDecoder` took 0.43 s), then the Deckhouse view
    /// of each node: its roles and NodeGroup from the labels, its sizes from the capacity.
    public static func nodes(_ buffer: UnsafeBufferPointer<UInt8>) throws -> (deckhouse: [DeckhouseNode], kube: [KubeNode]) {
        let kube = try KubeDecoder.nodes(buffer)
        return (kube.map(node), kube)
    }

    /// The node list with its resource version (where the watches start).
    public static func nodesAndVersion(_ buffer: UnsafeBufferPointer<UInt8>) throws -> ((deckhouse: [DeckhouseNode], kube: [KubeNode]), String?) {
        let (kube, version) = try KubeNodeListScan.nodesAndVersion(buffer)
        return ((kube.map(node), kube), version)
    }

    /// The Deckhouse view of a node: its roles and NodeGroup from the labels, its sizes.
    public static func node(_ node: KubeNode) -> DeckhouseNode {
        DeckhouseNode(
            name: node.name,
            roles: DeckhouseNodeRole.roles(labels: node.labels),
            nodeGroup: node.labels["node.deckhouse.io/group"].map { Sanitizer.line($0) },
            ready: node.ready,
            cpuMillis: node.cpuMillis,
            memoryBytes: node.memoryBytes,
            diskBytes: node.diskBytes)
    }

    public static func nodeGroups(_ bytes: [UInt8]) throws -> [DeckhouseNodeGroup] {
        try JSONDecoder().decode(KubeWire.List<DeckhouseWire.NodeGroup>.self, from: Data(bytes)).items.map { wire in
            var roles = DeckhouseNodeRole.roles(labels: wire.spec?.nodeTemplate?.labels ?? [:])
            if wire.metadata.name == "master", !roles.contains(.master) { roles.insert(.master, at: 0) }
            return DeckhouseNodeGroup(name: Sanitizer.line(wire.metadata.name),
                                      nodeType: wire.spec?.nodeType.map { Sanitizer.line($0, maxLength: 40) },
                                      roles: roles, nodes: wire.status?.nodes)
        }
    }

    public static func ingressControllers(_ bytes: [UInt8]) throws -> [DeckhouseIngressController] {
        try JSONDecoder().decode(KubeWire.List<DeckhouseWire.IngressController>.self, from: Data(bytes)).items.map { wire in
            DeckhouseIngressController(name: Sanitizer.line(wire.metadata.name),
                                       inlet: wire.spec?.inlet.map { Sanitizer.line($0, maxLength: 60) },
                                       ingressClass: wire.spec?.ingressClass.map { Sanitizer.line($0, maxLength: 60) })
        }
    }

    public static func alertmanagers(_ bytes: [UInt8]) throws -> [DeckhouseAlertmanager] {
        try JSONDecoder().decode(KubeWire.List<DeckhouseWire.Alertmanager>.self, from: Data(bytes)).items.map { wire in
            let spec = wire.spec
            let external = spec?.external.map { $0.address != nil || $0.service != nil ? 1 : 0 } ?? 0
            let internalReceivers = (spec?.internal?.receivers ?? []).filter(\.configured).count
            return DeckhouseAlertmanager(name: Sanitizer.line(wire.metadata.name),
                                         type: spec?.type.map { Sanitizer.line($0, maxLength: 40) },
                                         receivers: external + internalReceivers)
        }
    }

    /// CronJobs of `kube-system` whose name starts with `d8-etcd-backup`.
    public static func etcdBackupJobs(_ bytes: [UInt8]) throws -> [DeckhouseEtcdBackupJob] {
        try JSONDecoder().decode(KubeWire.List<KubeWire.CronJob>.self, from: Data(bytes)).items
            .filter { $0.metadata.name.hasPrefix(DeckhouseNames.etcdBackupJobPrefix) }
            .map { wire in
                DeckhouseEtcdBackupJob(name: Sanitizer.line(wire.metadata.name),
                                       schedule: wire.spec?.schedule.map { Sanitizer.line($0, maxLength: 40) },
                                       lastSuccess: wire.status?.lastSuccessfulTime.flatMap(date),
                                       suspended: wire.spec?.suspend ?? false)
            }
    }

    /// Jobs of `kube-system` → when each `d8-etcd-backup` CronJob's Jobs last succeeded. The
    /// CronJob controller copies a finished Job's completion into the CronJob's
    /// `lastSuccessfulTime`; reading the Jobs too counts a run started by hand at once.
    public static func etcdBackupRuns(_ bytes: [UInt8]) throws -> [String: Date] {
        var latest: [String: Date] = [:]
        for job in try JSONDecoder().decode(KubeWire.List<DeckhouseWire.Job>.self, from: Data(bytes)).items {
            guard let owner = job.metadata.ownerReferences?.first(where: { $0.kind == "CronJob" })?.name,
                  owner.hasPrefix(DeckhouseNames.etcdBackupJobPrefix), (job.status?.succeeded ?? 0) > 0,
                  let done = job.status?.completionTime.flatMap(date) else { continue }
            let name = Sanitizer.line(owner)
            latest[name] = max(latest[name] ?? done, done)
        }
        return latest
    }

    /// The CronJobs with their runs: a CronJob's last success is the later of its own
    /// `lastSuccessfulTime` and its newest successful Job.
    static func merge(_ jobs: [DeckhouseEtcdBackupJob], runs: [String: Date]) -> [DeckhouseEtcdBackupJob] {
        jobs.map { job in
            var job = job
            if let run = runs[job.name] { job.lastSuccess = max(job.lastSuccess ?? run, run) }
            return job
        }
    }

    /// Secret `kube-system/d8-cluster-configuration` → `kubernetesVersion`. Only the
    /// `cluster-configuration.yaml` key is decoded; its YAML is read as a node tree so
    /// `1.30` keeps its text instead of becoming the number 1.3.
    public static func kubernetesVersion(_ bytes: [UInt8]) throws -> String? {
        let secret = try JSONDecoder().decode(DeckhouseWire.ClusterConfigurationSecret.self, from: Data(bytes))
        guard let encoded = secret.data?.clusterConfiguration else {
            throw DeckhouseDecodeError.missingKey(DeckhouseNames.clusterConfigurationKey)
        }
        guard let yamlData = Data(base64Encoded: encoded), let yaml = String(data: yamlData, encoding: .utf8) else {
            throw DeckhouseDecodeError.notBase64(DeckhouseNames.clusterConfigurationKey)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch { throw DeckhouseDecodeError.notYAML(DeckhouseNames.clusterConfigurationKey) }
        return root?["kubernetesVersion"]?.scalar.map { Sanitizer.line($0.string, maxLength: 40) }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
