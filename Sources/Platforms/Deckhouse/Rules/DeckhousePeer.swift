import ShipshapeCore
import KubernetesRules
import EtcdRules
/// Another cluster open in the console, as far as update windows go. A `Workspace` hands
/// each cluster's state the others' peers, so DH-WINDOWS-OVERLAP stays a pure rule.
public struct DeckhousePeer: Sendable, Hashable {
    /// The cluster's name (its pinned context).
    public var name: String
    /// nil when that cluster's settings could not be read.
    public var settings: DeckhouseUpdateSettings?
    /// Its labels in the estate file (`env: prod`), for DH-CHANNEL-ORDER.
    public var labels: [String: String]

    public init(name: String, settings: DeckhouseUpdateSettings?, labels: [String: String] = [:]) {
        self.name = name
        self.settings = settings
        self.labels = labels
    }
}
