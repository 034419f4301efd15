import ShipshapeCore
import KubernetesRules
import EtcdRules
/// What one module's ModuleConfig says about where its data lives: `spec.enabled`, and in
/// `spec.settings` the storage classes (`storageClass`, the prometheus module's
/// `longtermStorageClass`) and whether a `nodeSelector` pins its pods (004 "Monitoring nodes").
public struct DeckhouseModuleSettings: Sendable, Hashable {
    public var name: String
    /// `spec.enabled`; nil when the ModuleConfig leaves it to the bundle.
    public var enabled: Bool?
    public var storageClass: String?
    public var longtermStorageClass: String?
    /// The keys of `settings.nodeSelector`; empty when none is set.
    public var nodeSelector: [String]

    public init(name: String, enabled: Bool? = nil, storageClass: String? = nil, longtermStorageClass: String? = nil, nodeSelector: [String] = []) {
        self.name = name
        self.enabled = enabled
        self.storageClass = storageClass
        self.longtermStorageClass = longtermStorageClass
        self.nodeSelector = nodeSelector
    }
}
