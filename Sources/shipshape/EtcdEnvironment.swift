import ShipshapeCore
import PlatformKit
import EtcdPlatform

/// `ETCDCTL_ENDPOINTS` and its TLS variables, for a Deis v1 cluster named by `--fleet-endpoint`.
enum EtcdEnvironment {
    static func request(_ environment: [String: String]) -> TargetRequest.Etcd? {
        EtcdTargets.fromEnvironment(environment)
    }
}
