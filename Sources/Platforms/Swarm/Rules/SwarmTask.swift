import ShipshapeCore
/// A task with desired state running: which service, which node (nil while
/// pending), its current state word and the scheduler's error, if any.
public struct SwarmTask: Sendable, Hashable, Codable {
    public var id: String
    /// `web.1`, or `agent.<node id>` for global services.
    public var name: String
    public var serviceName: String
    public var nodeID: String?
    /// The node's hostname as `docker service ps` prints it ("" while pending).
    public var nodeHostname: String
    /// First word of the current state, lower case: `running`, `pending`, `preparing`, …
    public var state: String
    public var desiredState: String
    public var error: String

    public init(id: String, name: String, serviceName: String, nodeID: String?, nodeHostname: String, state: String,
                desiredState: String = "running", error: String = "") {
        self.id = id
        self.name = name
        self.serviceName = serviceName
        self.nodeID = nodeID
        self.nodeHostname = nodeHostname
        self.state = state
        self.desiredState = desiredState
        self.error = error
    }

    public var isRunning: Bool { state == "running" }
}
