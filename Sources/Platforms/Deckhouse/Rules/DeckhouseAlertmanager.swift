import ShipshapeCore
import KubernetesRules
import EtcdRules
/// A CustomAlertmanager (reference §5.6), reduced to whether it routes alerts anywhere.
/// Addresses and credentials are not kept: only counts and the kind of receiver.
public struct DeckhouseAlertmanager: Sendable, Hashable {
    public var name: String
    /// `spec.type`: `External` or `Internal`.
    public var type: String?
    /// External: 1 when an address or a service is set. Internal: the number of receivers
    /// that have at least one `*Configs` entry.
    public var receivers: Int

    public init(name: String, type: String?, receivers: Int) {
        self.name = name
        self.type = type
        self.receivers = receivers
    }
}
