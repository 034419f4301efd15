import ShipshapeCore
import KubernetesRules
import EtcdRules
/// WF-MINIO: in-cluster Minio is ephemeral; production needs external object storage.
public struct MinioRule: Rule {
    public let info = RuleInfo(
        id: "WF-MINIO", title: "Object storage is off-cluster", severity: .error, platforms: [.workflow],
        seed: "002 production-deployments.md — Running Workflow without Minio",
        rationale: "Minio in the cluster keeps data on ephemeral storage: if its pod crashes, builds, the registry and database backups are lost. Use S3, GCS, Azure or Swift (helm value global.storage)."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "\(WorkflowNames.namespace)/\(WorkflowNames.objectStorageSecret)"
        let k = state.kubernetes
        if let error = k.deployments.error ?? k.secrets.error { return [unreadable(error, subject: subject)] }
        guard let deployments = k.deployments.value, let secrets = k.secrets.value else { return [] }
        let storage = secrets.first { $0.name == WorkflowNames.objectStorageSecret }?.annotations[WorkflowNames.objectStorageAnnotation]
        let minioRuns = deployments.contains { $0.name == WorkflowNames.minio }
        if minioRuns || storage == "minio" {
            return [finding(.fail, subject: subject, "object storage is in-cluster Minio (storage=\(storage ?? "unset")); move it to S3/GCS/Azure/Swift")]
        }
        guard let storage else {
            return [finding(.manual, subject: subject, "no \(WorkflowNames.objectStorageAnnotation) annotation; confirm object storage by hand")]
        }
        return [finding(.pass, subject: subject, "object storage: \(Sanitizer.line(storage, maxLength: 30))")]
    }
}
