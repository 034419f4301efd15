import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// Turns wire objects into model values. Pure: tested without a cluster.
public enum KubeDecoder {
    public static let secretLooking = ["PASSWORD", "TOKEN", "SECRET", "_KEY", "PASSWD", "CREDENTIAL"]

    /// Node list from a byte array (tests, the sandbox); see the buffer variant.
    public static func nodes(_ bytes: [UInt8]) throws -> [KubeNode] {
        try bytes.withUnsafeBufferPointer { try nodes($0) }
    }

    /// The node list is the one large read (28 MB at 5,000 nodes), so it is scanned in one
    /// pass that skips unused fields instead of going through `JSONDecoder`, which parsed
    /// every value first and took 0.43 s there (scripts/bench). It reads kubectl's output
    /// where it lies (`CommandRunner.run(_:readingOutput:)`): no copy is made.
    public static func nodes(_ buffer: UnsafeBufferPointer<UInt8>) throws -> [KubeNode] {
        try KubeNodeListScan.nodes(buffer)
    }

    public static func node(_ wire: KubeWire.Node) -> KubeNode {
        node(name: wire.metadata.name, labels: wire.metadata.labels ?? [:],
             readyStatus: wire.status?.conditions?.first { $0.type == "Ready" }?.status,
             cpu: wire.status?.capacity?["cpu"], memory: wire.status?.capacity?["memory"],
             disk: wire.status?.capacity?["ephemeral-storage"], kubeletVersion: wire.status?.nodeInfo?.kubeletVersion)
    }

    /// The one mapping from a node's wire fields to `KubeNode`, whichever reader found them.
    /// `readyStatus` is the status of the node's (first) Ready condition.
    public static func node(name: String, labels: [String: String], readyStatus: String?, cpu: String?, memory: String?,
                     disk: String?, kubeletVersion: String?) -> KubeNode {
        let rolePrefix = "node-role.kubernetes.io/", prefixLength = rolePrefix.count
        var roles = labels.keys.compactMap { key -> String? in
            key.hasPrefix(rolePrefix) ? String(key.dropFirst(prefixLength)) : nil
        }
        if let legacy = labels["kubernetes.io/role"], !roles.contains(legacy) { roles.append(legacy) }
        return KubeNode(
            name: Sanitizer.line(name),
            roles: roles.sorted().map { Sanitizer.line($0) },
            ready: readyStatus.map { $0 == "True" },
            cpuMillis: cpu.flatMap(KubeQuantity.cpuMillis),
            memoryBytes: memory.flatMap(KubeQuantity.bytes),
            diskBytes: disk.flatMap(KubeQuantity.bytes),
            kubeletVersion: Sanitizer.line(kubeletVersion ?? "?"),
            labels: labels
        )
    }

    public static func deployments(_ bytes: [UInt8]) throws -> [KubeDeployment] {
        try JSONDecoder().decode(KubeWire.List<KubeWire.Deployment>.self, from: Data(bytes)).items.map(deployment)
    }

    public static func deployment(_ bytes: [UInt8]) throws -> KubeDeployment {
        deployment(try JSONDecoder().decode(KubeWire.Deployment.self, from: Data(bytes)))
    }

    public static func deployment(_ wire: KubeWire.Deployment) -> KubeDeployment {
        let containers = (wire.spec?.template?.spec?.containers ?? []).map { container in
            KubeDeployment.Container(
                name: container.name,
                image: container.image ?? "",
                env: (container.env ?? []).map { env in
                    let secret = secretLooking.contains { env.name.uppercased().contains($0) }
                    return KubeDeployment.EnvVar(
                        name: env.name,
                        value: secret ? nil : env.value,
                        fromReference: env.valueFrom != nil
                    )
                }
            )
        }
        return KubeDeployment(
            namespace: wire.metadata.namespace ?? "",
            name: wire.metadata.name,
            // Kubernetes defaults an unset spec.replicas to 1; unset readyReplicas means 0.
            desiredReplicas: wire.spec?.replicas ?? 1,
            readyReplicas: wire.status?.readyReplicas ?? 0,
            containers: containers,
            annotations: wire.metadata.annotations ?? [:]
        )
    }

    public static func pods(_ bytes: [UInt8]) throws -> [KubePod] {
        try JSONDecoder().decode(KubeWire.List<KubeWire.Pod>.self, from: Data(bytes)).items.map(pod)
    }

    public static func pod(_ wire: KubeWire.Pod) -> KubePod {
        KubePod(
            name: Sanitizer.line(wire.metadata.name),
            namespace: wire.metadata.namespace ?? "",
            app: wire.metadata.labels?["app"],
            nodeName: wire.spec?.nodeName.map { Sanitizer.line($0) },
            ready: wire.status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } ?? false,
            phase: wire.status?.phase ?? "Unknown"
        )
    }

    public static func secrets(_ bytes: [UInt8]) throws -> [KubeSecretMeta] {
        try JSONDecoder().decode(KubeWire.List<KubeWire.Secret>.self, from: Data(bytes)).items.map { wire in
            KubeSecretMeta(
                name: Sanitizer.line(wire.metadata.name),
                type: Sanitizer.line(wire.type ?? "Opaque"),
                annotations: wire.metadata.annotations ?? [:],
                certificateNotAfter: wire.data?.tlsCrt.flatMap(CertificateExpiry.notAfter(base64PEM:))
            )
        }
    }

    public static func apiGroups(_ bytes: [UInt8]) throws -> [String] {
        try JSONDecoder().decode(KubeWire.GroupList.self, from: Data(bytes)).groups.map(\.name)
    }

    /// CronJobs whose name or labels say backup; the rest are dropped at decode time.
    public static func backupJobs(_ bytes: [UInt8]) throws -> [BackupJob] {
        let time = ISO8601DateFormatter()
        return try JSONDecoder().decode(KubeWire.List<KubeWire.CronJob>.self, from: Data(bytes)).items.compactMap { wire in
            guard BackupJob.looksLikeBackup(name: wire.metadata.name, labels: wire.metadata.labels ?? [:]) else { return nil }
            return BackupJob(
                namespace: Sanitizer.line(wire.metadata.namespace ?? ""), name: Sanitizer.line(wire.metadata.name),
                schedule: Sanitizer.line(wire.spec?.schedule ?? "?"), suspended: wire.spec?.suspend ?? false,
                lastScheduled: wire.status?.lastScheduleTime.flatMap(time.date(from:)),
                lastSucceeded: wire.status?.lastSuccessfulTime.flatMap(time.date(from:)),
                active: wire.status?.active?.count ?? 0)
        }
    }

    public static func names(_ bytes: [UInt8]) throws -> [String] {
        try JSONDecoder().decode(KubeWire.List<KubeWire.NameOnly>.self, from: Data(bytes)).items.map(\.metadata.name)
    }
}
