import ShipshapeCore
import KubernetesRules
import EtcdRules
/// Names and API paths of the Deckhouse objects shipshape reads and patches. The custom
/// resources are cluster-scoped. NodeGroup and IngressNginxController are read at `v1`, the
/// version current releases store (v1alpha1 is deprecated for them), and at `v1alpha1` on a
/// cluster that does not serve `v1` yet; the other kinds exist at `v1alpha1` only (reference §5).
public enum DeckhouseNames {
    public static let group = "deckhouse.io"
    public static let api = "/apis/deckhouse.io/v1alpha1"
    public static let moduleConfigs = api + "/moduleconfigs"
    /// ModuleConfig holding the release channel and update settings.
    public static let deckhouseConfig = "deckhouse"
    /// ModuleConfig holding global settings (the storage class).
    public static let globalConfig = "global"
    public static let releases = api + "/deckhousereleases"
    public static let apiV1 = "/apis/deckhouse.io/v1"
    public static let nodeGroups = apiV1 + "/nodegroups"
    public static let ingressControllers = apiV1 + "/ingressnginxcontrollers"
    /// Where older clusters serve them.
    public static let nodeGroupsV1Alpha1 = api + "/nodegroups"
    public static let ingressControllersV1Alpha1 = api + "/ingressnginxcontrollers"
    /// The ingress controllers' pods (`app: controller`, one DaemonSet per controller).
    public static let ingressPods = "/api/v1/namespaces/d8-ingress-nginx/pods?labelSelector=app%3Dcontroller"
    public static let alertmanagers = api + "/customalertmanagers"
    public static let clusterConfigurationSecret = "/api/v1/namespaces/kube-system/secrets/d8-cluster-configuration"
    public static let clusterConfigurationKey = "cluster-configuration.yaml"
    public static let cronJobs = "/apis/batch/v1/namespaces/kube-system/cronjobs"
    public static let etcdBackupNamespace = "kube-system"
    public static let jobs = "/apis/batch/v1/namespaces/kube-system/jobs"
    public static func jobPath(_ name: String) -> String { "/apis/batch/v1/namespaces/\(etcdBackupNamespace)/jobs/\(name)" }
    public static func releasePath(_ name: String) -> String { releases + "/" + name }
    /// `kubectl patch` names the kind as the CRD's singular does.
    public static let releaseKind = "deckhouserelease"
    public static let etcdBackupJobPrefix = "d8-etcd-backup"
    /// What `kubectl patch` is given: the short name the CRD declares (reference §5.1).
    public static let moduleConfigKind = "mc"

    public static var deckhouseConfigPath: String { moduleConfigs + "/" + deckhouseConfig }
    public static var globalConfigPath: String { moduleConfigs + "/" + globalConfig }
}
