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

    public init(nodes: [SwarmNode] = [], services: [SwarmService] = [], tasks: [SwarmTask] = [], images: [String: SwarmImage] = [:]) {
        self.nodes = nodes
        self.services = services
        self.tasks = tasks
        self.images = images
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
