import ShipshapeCore
import KubernetesRules
import EtcdRules
/// Names and API paths of the Deckhouse objects shipshape reads and patches. The custom
/// resources are cluster-scoped; everything is read at `deckhouse.io/v1alpha1`, which every
/// current release still serves for these kinds (reference §5).
public enum DeckhouseNames {
    public static let group = "deckhouse.io"
    public static let api = "/apis/deckhouse.io/v1alpha1"
    public static let moduleConfigs = api + "/moduleconfigs"
    /// ModuleConfig holding the release channel and update settings.
    public static let deckhouseConfig = "deckhouse"
    /// ModuleConfig holding global settings (the storage class).
    public static let globalConfig = "global"
    public static let releases = api + "/deckhousereleases"
    public static let nodeGroups = api + "/nodegroups"
    public static let ingressControllers = api + "/ingressnginxcontrollers"
    public static let alertmanagers = api + "/customalertmanagers"
    public static let clusterConfigurationSecret = "/api/v1/namespaces/kube-system/secrets/d8-cluster-configuration"
    public static let clusterConfigurationKey = "cluster-configuration.yaml"
    public static let cronJobs = "/apis/batch/v1/namespaces/kube-system/cronjobs"
    public static let etcdBackupJobPrefix = "d8-etcd-backup"
    /// What `kubectl patch` is given: the short name the CRD declares (reference §5.1).
    public static let moduleConfigKind = "mc"

    public static var deckhouseConfigPath: String { moduleConfigs + "/" + deckhouseConfig }
    public static var globalConfigPath: String { moduleConfigs + "/" + globalConfig }
}
