import ShipshapeCore
import KubernetesRules
import EtcdRules
/// Names the Deis Workflow charts use (reference/cli-formats.md §3).
public enum WorkflowNames {
    public static let namespace = "deis"
    public static let router = "deis-router"
    public static let controller = "deis-controller"
    public static let grafana = "deis-monitor-grafana"
    public static let minio = "deis-minio"
    public static let objectStorageSecret = "objectstorage-keyfile"
    public static let objectStorageAnnotation = "deis.io/objectstorage"
    public static let routerCertSecret = "deis-router-platform-cert"
    public static let registryProxy = "deis-registry-proxy"
    /// Router annotations that make it redirect HTTP to HTTPS (reference §3.4); HSTS implies it.
    public static let sslEnforce = "router.deis.io/nginx.ssl.enforce"
    public static let hstsEnabled = "router.deis.io/nginx.ssl.hsts.enabled"

    /// The Helm value that renders a container variable the fixes set (reference/cli-formats.md
    /// §3.2, §3.5): `kubectl set env` lasts only until the chart is upgraded without it.
    public static func chartValue(for variable: String) -> String? {
        switch variable {
        case "REGISTRATION_MODE": return "controller.registration_mode"
        case "ALLOW_SIGN_UP": return "monitor.grafana.allow_sign_up"
        default: return nil
        }
    }

    /// The Helm value that renders router annotations: the router chart's
    /// `deployment_annotations` (deis/router charts/router/values.yaml).
    public static let routerAnnotationsValue = "router.deployment_annotations"
}
