/// Names the Deis Workflow charts use (reference/cli-formats.md §3).
enum WorkflowNames {
    static let namespace = "deis"
    static let router = "deis-router"
    static let controller = "deis-controller"
    static let grafana = "deis-monitor-grafana"
    static let minio = "deis-minio"
    static let objectStorageSecret = "objectstorage-keyfile"
    static let objectStorageAnnotation = "deis.io/objectstorage"
    static let routerCertSecret = "deis-router-platform-cert"
}
