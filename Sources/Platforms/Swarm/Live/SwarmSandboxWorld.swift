import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

/// The demo swarm's state, as plain values the sandbox changes when fixes run.
/// Unlike the engine's model it keeps environment values: it plays the daemon, and
/// the daemon has them — which is what proves the decoder drops them.
struct SwarmSandboxWorld: Sendable {
    struct Node: Sendable, Codable {
        var id: String
        var hostname: String
        var role: String
        var leader: Bool?
        var availability: String
        var state: String
        var addr: String
        var cpus: Double
        var memoryGiB: Double
        var engineVersion: String
        var labels: [String: String]?
        /// Days before the sandbox started that the node object last changed.
        var changedDaysAgo: Double
    }

    struct Mount: Sendable, Codable {
        var type: String
        var source: String
        var target: String
    }

    struct Port: Sendable, Codable {
        var proto: String
        var target: Int
        var published: Int
        var mode: String
    }

    struct Service: Sendable, Codable {
        var id: String
        var name: String
        var image: String
        /// nil: a global service.
        var replicas: Int?
        var constraints: [String]?
        var mounts: [Mount]?
        var env: [String]?
        var secrets: [String]?
        var ports: [Port]?
        /// `cmd` (a `--health-cmd`), `none` (`--no-healthcheck`), or nil (the image's).
        var healthcheck: String?
        /// `start-first` or `stop-first`; nil: unset.
        var updateOrder: String?
    }

    /// A node change as the manager logs it for `docker events`.
    struct Event: Sendable, Codable {
        var node: String
        var time: Date
        var attributes: [String: String]
    }

    struct Task: Sendable, Codable {
        var id: String?
        var service: String
        var slot: String
        /// Node ID; nil while pending.
        var node: String?
        var state: String?
        var error: String?
    }

    struct Scenario: Sendable, Codable {
        var host: String
        var nodes: [Node]
        var services: [Service]
        var tasks: [Task]
        var images: [String: Int64]
        /// Images that declare a HEALTHCHECK.
        var healthcheckImages: [String]?
        /// Host name → IPv4 addresses, for `getent ahostsv4`.
        var dns: [String: [String]]?
    }

    var host: String
    var nodes: [Node]
    var services: [Service]
    var tasks: [Task]
    var images: [String: Int64]
    var healthcheckImages: Set<String>
    var dns: [String: [String]]
    var events: [Event] = []
    var started: Date
    /// Node ID → when its availability last changed in this sandbox.
    var changed: [String: Date] = [:]
    var taskCounter = 0

    init(scenario: Scenario, now: Date = Date()) {
        host = scenario.host
        nodes = scenario.nodes
        services = scenario.services
        images = scenario.images
        healthcheckImages = Set(scenario.healthcheckImages ?? [])
        dns = scenario.dns ?? [:]
        started = now
        tasks = []
        for task in scenario.tasks {
            var placed = task
            placed.id = placed.id ?? nextTaskID()
            placed.state = placed.state ?? (placed.node == nil ? "pending" : "running")
            tasks.append(placed)
        }
    }

    mutating func log(_ node: String, _ attributes: [String: String], at time: Date = Date()) {
        var attributes = attributes
        attributes["name"] = nodes.first { $0.id == node }?.hostname
        events.append(Event(node: node, time: time, attributes: attributes))
    }

    mutating func nextTaskID() -> String {
        taskCounter += 1
        let digits = String(taskCounter)
        return "demotask" + String(repeating: "0", count: max(17 - digits.count, 0)) + digits
    }

    func updatedAt(_ node: Node) -> Date {
        changed[node.id] ?? started.addingTimeInterval(-node.changedDaysAgo * 86_400)
    }

    /// The node as the engine models it, for constraint matching.
    func model(_ node: Node) -> SwarmNode {
        SwarmNode(id: node.id, hostname: node.hostname, role: node.role == "manager" ? .manager : .worker,
                  availability: node.availability, state: node.state, labels: node.labels ?? [:])
    }

    /// Like docker: a full ID, a name, or an ID prefix that names exactly one.
    func node(_ reference: String) -> Int? {
        Self.lookup(reference, in: nodes.map { ($0.id, $0.hostname) })
    }

    func service(_ reference: String) -> Int? {
        Self.lookup(reference, in: services.map { ($0.id, $0.name) })
    }

    static func lookup(_ reference: String, in items: [(id: String, name: String)]) -> Int? {
        if let exact = items.firstIndex(where: { $0.id == reference || $0.name == reference }) { return exact }
        let prefixed = items.indices.filter { items[$0].id.hasPrefix(reference) }
        return prefixed.count == 1 && !reference.isEmpty ? prefixed[0] : nil
    }
}
