import ShipshapeCore
import PlatformKit

/// One requested cluster after resolution: pinned with its platform, or why it could not be.
public struct ResolvedCluster: Sendable {
    public var request: TargetRequest
    public var plugin: (any PlatformPlugin)?
    public var target: Target?
    /// Why detection chose the platform (or why nothing claimed it).
    public var detection: String
    public var error: String?

    public init(request: TargetRequest, plugin: (any PlatformPlugin)?, target: Target?, detection: String, error: String? = nil) {
        self.request = request
        self.plugin = plugin
        self.target = target
        self.detection = detection
        self.error = error
    }

    public var isPinned: Bool { plugin != nil && target != nil && error == nil }
    /// How to refer to it in a message: its name, else its connection.
    public var label: String { target?.name ?? request.label }
}
