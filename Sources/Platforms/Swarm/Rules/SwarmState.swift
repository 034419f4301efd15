import Foundation
import ShipshapeCore

/// What the Swarm probe read through one manager: nodes, services and their running
/// tasks, and the size of each service image in that manager's store. Rules and panes
/// read it; the lookups here keep them from re-deriving the same joins.
public struct SwarmState: Sendable, Hashable {
    public var nodes: [SwarmNode]
    public var services: [SwarmService]
    /// Tasks whose desired state is running (pending ones included, history left out).
    public var tasks: [SwarmTask]
    /// Image reference (as the service spec names it) → what the pinned daemon knows of it.
    public var images: [String: SwarmImage]
    /// Image reference → whether the image declares a `HEALTHCHECK` (only images in the pinned
    /// daemon's store are known).
    public var imageHealthChecks: [String: Bool]
    /// The node changes the pinned manager still remembers (`docker events --filter type=node`):
    /// the evidence the maintenance flow reads for a node leaving and coming back.
    public var nodeEvents: [SwarmNodeEvent]
    /// Why the node events could not be read, if they could not (the rest of the state stands).
    public var nodeEventsError: String?
    /// The switchover DNS record, resolved; nil when the cluster names none.
    public var switchoverDNS: SwarmDNSAnswer?

    public init(nodes: [SwarmNode] = [], services: [SwarmService] = [], tasks: [SwarmTask] = [], images: [String: SwarmImage] = [:],
                imageHealthChecks: [String: Bool] = [:], nodeEvents: [SwarmNodeEvent] = [], nodeEventsError: String? = nil,
                switchoverDNS: SwarmDNSAnswer? = nil) {
        self.nodes = nodes
        self.services = services
        self.tasks = tasks
        self.images = images
        self.imageHealthChecks = imageHealthChecks
        self.nodeEvents = nodeEvents
        self.nodeEventsError = nodeEventsError
        self.switchoverDNS = switchoverDNS
    }

    public var managers: [SwarmNode] { nodes.filter { $0.role == .manager } }
    public var workers: [SwarmNode] { nodes.filter { $0.role == .worker } }

    public func node(id: String) -> SwarmNode? {
        nodes.first { $0.id == id }
    }

    public func service(named name: String) -> SwarmService? {
        services.first { $0.name == name }
    }

    /// Tasks placed on a node (pending tasks have no node and are never counted here).
    public func tasks(onNode id: String) -> [SwarmTask] {
        tasks.filter { $0.nodeID == id }
    }

    public func tasks(of service: String) -> [SwarmTask] {
        tasks.filter { $0.serviceName == service }
    }

    /// A node's name for screens and finding subjects: its hostname, made unique with
    /// an ID prefix when two nodes share one (two daemons on one host do).
    public func label(for node: SwarmNode) -> String {
        let twins = nodes.filter { $0.hostname == node.hostname }.count
        return twins > 1 ? "\(node.hostname) (\(node.id.prefix(12)))" : node.hostname
    }
}
