import ShipshapeCore
/// A pod: where it runs and whether it is ready.
public struct KubePod: Sendable, Hashable, Codable {
    public var name: String
    public var namespace: String
    public var app: String?
    public var nodeName: String?
    public var ready: Bool
    public var phase: String

    public init(name: String, namespace: String, app: String?, nodeName: String?, ready: Bool, phase: String) {
        self.name = name
        self.namespace = namespace
        self.app = app
        self.nodeName = nodeName
        self.ready = ready
        self.phase = phase
    }
}
