/// Everything that names the cluster shipshape works on, shown in the status bar
/// and stamped on every audit entry.
public struct Target: Sendable, Hashable, Codable {
    public var name: String
    public var platform: PlatformID
    public var kube: KubeTarget?
    /// Marked production by policy or flag: drawn in its own colour everywhere.
    public var production: Bool

    public init(name: String, platform: PlatformID, kube: KubeTarget? = nil, production: Bool = false) {
        self.name = name
        self.platform = platform
        self.kube = kube
        self.production = production
    }

    /// The short label the status bar shows: platform and pinned context.
    public var label: String {
        if let kube { return "\(platform.displayName) · ctx \(kube.context)" }
        return "\(platform.displayName) · \(name)"
    }
}
