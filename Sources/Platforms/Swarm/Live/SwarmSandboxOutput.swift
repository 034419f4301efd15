import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

/// Renders the sandbox world in the shapes docker prints (reference/cli-formats.md §6),
/// so the real decoders read the demo exactly as they read a daemon.
enum SwarmSandboxOutput {
    static func title(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    static func nodeLine(_ node: SwarmSandboxWorld.Node, world: SwarmSandboxWorld) -> [String: Any] {
        let managerStatus = node.role == "manager" ? (node.leader == true ? "Leader" : "Reachable") : ""
        return ["Availability": title(node.availability), "EngineVersion": node.engineVersion, "Hostname": node.hostname,
                "ID": node.id, "ManagerStatus": managerStatus, "Self": node.leader == true, "Status": title(node.state), "TLSStatus": "Ready"]
    }

    static func nodeInspect(_ node: SwarmSandboxWorld.Node, world: SwarmSandboxWorld) -> [String: Any] {
        var object: [String: Any] = [
            "ID": node.id,
            "Version": ["Index": 10],
            "CreatedAt": SwarmDate.format(world.started.addingTimeInterval(-90 * 86_400)),
            "UpdatedAt": SwarmDate.format(world.updatedAt(node)),
            "Spec": ["Labels": node.labels ?? [:], "Role": node.role, "Availability": node.availability],
            "Description": [
                "Hostname": node.hostname,
                "Platform": ["Architecture": "x86_64", "OS": "linux"],
                "Resources": ["NanoCPUs": Int64(node.cpus * 1e9), "MemoryBytes": Int64(node.memoryGiB * 1_073_741_824)],
                "Engine": ["EngineVersion": node.engineVersion],
            ],
            "Status": ["State": node.state, "Addr": node.addr],
        ]
        if node.role == "manager" {
            var status: [String: Any] = ["Reachability": "reachable", "Addr": "\(node.addr):2377"]
            if node.leader == true { status["Leader"] = true }
            object["ManagerStatus"] = status
        }
        return object
    }

    static func serviceLine(_ service: SwarmSandboxWorld.Service, world: SwarmSandboxWorld) -> [String: Any] {
        let running = world.tasks.filter { $0.service == service.name && $0.state == "running" }.count
        let desired = service.replicas ?? world.tasks.filter { $0.service == service.name }.count
        let ports = (service.ports ?? []).filter { $0.mode == "ingress" }.map { "*:\($0.published)->\($0.target)/\($0.proto)" }
        return ["ID": String(service.id.prefix(12)), "Image": service.image, "Mode": service.replicas == nil ? "global" : "replicated",
                "Name": service.name, "Ports": ports.joined(separator: ", "), "Replicas": "\(running)/\(desired)"]
    }

    static func serviceInspect(_ service: SwarmSandboxWorld.Service) -> [String: Any] {
        var container: [String: Any] = ["Image": service.image, "Args": ["sleep", "infinity"], "Init": false,
                                        "StopGracePeriod": 10_000_000_000, "Isolation": "default"]
        if let env = service.env, !env.isEmpty { container["Env"] = env }
        if let mounts = service.mounts, !mounts.isEmpty {
            container["Mounts"] = mounts.map { ["Type": $0.type, "Source": $0.source, "Target": $0.target] }
        }
        switch service.healthcheck {
        case "cmd"?: container["Healthcheck"] = ["Test": ["CMD-SHELL", "wget -qO- http://localhost/health || exit 1"], "Interval": 10_000_000_000]
        case "none"?: container["Healthcheck"] = ["Test": ["NONE"]]
        default: break
        }
        if let secrets = service.secrets, !secrets.isEmpty {
            container["Secrets"] = secrets.map { name in
                ["File": ["Name": name, "UID": "0", "GID": "0", "Mode": 292], "SecretID": "demosecret\(name.count)", "SecretName": name] as [String: Any]
            }
        }
        var placement: [String: Any] = [:]
        if let constraints = service.constraints, !constraints.isEmpty { placement["Constraints"] = constraints }
        let ports: [[String: Any]] = (service.ports ?? []).map {
            ["Protocol": $0.proto, "TargetPort": $0.target, "PublishedPort": $0.published, "PublishMode": $0.mode]
        }
        let endpointSpec: [String: Any] = ports.isEmpty ? ["Mode": "vip"] : ["Mode": "vip", "Ports": ports]
        let mode: [String: Any]
        if let replicas = service.replicas {
            mode = ["Replicated": ["Replicas": replicas]]
        } else {
            mode = ["Global": [String: Any]()]
        }
        let template: [String: Any] = ["ContainerSpec": container, "Placement": placement, "ForceUpdate": 0, "Runtime": "container"]
        var spec: [String: Any] = ["Name": service.name, "Labels": [String: String](), "TaskTemplate": template,
                                   "Mode": mode, "EndpointSpec": endpointSpec]
        if let order = service.updateOrder {
            spec["UpdateConfig"] = ["Parallelism": 1, "FailureAction": "pause", "Monitor": 5_000_000_000, "MaxFailureRatio": 0, "Order": order]
        }
        let endpoint: [String: Any] = ports.isEmpty ? ["Spec": [String: Any]()] : ["Spec": endpointSpec, "Ports": ports]
        return ["ID": service.id, "Version": ["Index": 20], "Spec": spec, "Endpoint": endpoint]
    }

    static func taskLine(_ task: SwarmSandboxWorld.Task, world: SwarmSandboxWorld) -> [String: Any] {
        let image = world.services.first { $0.name == task.service }?.image ?? ""
        let hostname = task.node.flatMap { id in world.nodes.first { $0.id == id }?.hostname } ?? ""
        let state = task.state == "pending" ? "Pending 2 seconds ago" : "Running 3 minutes ago"
        return ["CurrentState": state, "DesiredState": "Running", "Error": task.error.map { "\"\($0)\"" } ?? "",
                "ID": task.id ?? "", "Image": image, "Name": task.slot, "Node": hostname, "Ports": ""]
    }

    /// `docker events --format '{{json .}}'` for a node change (observed: `scope` swarm,
    /// `time` in seconds and `timeNano`).
    static func eventLine(_ event: SwarmSandboxWorld.Event) -> [String: Any] {
        let nanos = Int64(event.time.timeIntervalSince1970 * 1e9)
        return ["Type": "node", "Action": "update", "Actor": ["ID": event.node, "Attributes": event.attributes],
                "scope": "swarm", "time": nanos / 1_000_000_000, "timeNano": nanos]
    }

    static func json(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func lines(_ objects: [[String: Any]]) -> String {
        objects.map(json).map { $0 + "\n" }.joined()
    }
}
