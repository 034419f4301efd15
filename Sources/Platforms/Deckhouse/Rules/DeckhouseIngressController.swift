import ShipshapeCore
import KubernetesRules
import EtcdRules
/// An IngressNginxController (reference §5.5): how traffic enters the cluster.
public struct DeckhouseIngressController: Sendable, Hashable {
    public var name: String
    /// `spec.inlet`: `HostPort`, `HostPortWithProxyProtocol`, `HostWithFailover`, `LoadBalancer`, …; nil when unset.
    public var inlet: String?
    public var ingressClass: String?

    public init(name: String, inlet: String?, ingressClass: String? = nil) {
        self.name = name
        self.inlet = inlet
        self.ingressClass = ingressClass
    }
}
