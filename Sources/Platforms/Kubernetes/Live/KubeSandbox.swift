import Foundation
import Synchronization
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// An in-memory Kubernetes that answers the kubectl argv the engine sends
/// (`get --raw`, `scale`, `set env`, `patch`) and changes when fixes run, so the demo
/// exercises the real probes, rules and fixes with no cluster and no kubectl.
public final class KubeSandbox: Sendable {
    /// Collection path → objects; `KubeSandboxPatch` changes them too.
    let objects: Mutex<[String: [[String: Any]]]>
    private let servedGroups: [String]

    public init(scenarioJSON: String) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(scenarioJSON.utf8)) as? [String: Any],
              let collections = root["objects"] as? [String: [[String: Any]]] else {
            throw SandboxError.badScenario("scenario has no \"objects\" map of collections")
        }
        servedGroups = root["servedGroups"] as? [String] ?? ["apps", "autoscaling", "rbac.authorization.k8s.io"]
        objects = Mutex(collections)
    }

    /// Handles one kubectl invocation (already stripped of --kubeconfig/--context).
    func kubectl(_ args: [String]) throws(RunError) -> CommandOutput {
        let line = (["kubectl"] + args).joined(separator: " ")
        var rest = args
        let dryRun = rest.contains("--dry-run=server")
        rest.removeAll { $0 == "--dry-run=server" }
        let namespace = Self.takeNamespace(&rest) ?? "default"
        switch rest.first {
        case "get" where rest.count == 3 && rest[1] == "--raw":
            return try get(rest[2], line: line)
        case "scale":
            guard let replicas = rest.first(where: { $0.hasPrefix("--replicas=") }).flatMap({ Int($0.dropFirst(11)) }),
                  let target = rest.last, target.hasPrefix("deployment/") else { throw usage(line) }
            let name = String(target.dropFirst(11))
            try scale(namespace: namespace, name: name, replicas: replicas, dryRun: dryRun, line: line)
            return CommandOutput(text: "deployment.apps/\(name) scaled\(dryRun ? " (server dry run)" : "")\n")
        case "set" where rest.count >= 4 && rest[1] == "env":
            return try setEnv(Array(rest.dropFirst(2)), namespace: namespace, dryRun: dryRun, line: line)
        case "patch" where rest.count >= 3:
            return try patch(Array(rest.dropFirst()), dryRun: dryRun, line: line)
        case "create" where rest.count >= 3 && rest[1] == "job":
            return try createJob(Array(rest.dropFirst(2)), namespace: namespace, dryRun: dryRun, line: line)
        case "wait":
            return try waitFor(Array(rest.dropFirst()), namespace: namespace, line: line)
        case "annotate":
            return try annotate(Array(rest.dropFirst()), namespace: namespace, dryRun: dryRun, line: line)
        case "config" where rest.dropFirst().first == "current-context":
            return CommandOutput(text: "demo\n")
        default:
            throw usage(line)
        }
    }

    private static func takeNamespace(_ args: inout [String]) -> String? {
        var namespace: String?
        var index = 0
        while index < args.count {
            let arg = args[index]
            if arg.hasPrefix("--namespace=") {
                namespace = String(arg.dropFirst(12)); args.remove(at: index)
            } else if (arg == "-n" || arg == "--namespace"), index + 1 < args.count {
                namespace = args[index + 1]; args.removeSubrange(index...(index + 1))
            } else {
                index += 1
            }
        }
        return namespace
    }

    private func usage(_ line: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: "error: the demo sandbox does not answer this command")
    }

    private func notFound(_ kind: String, _ name: String, _ line: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: "Error from server (NotFound): \(kind) \"\(name)\" not found")
    }

    private func get(_ rawPath: String, line: String) throws(RunError) -> CommandOutput {
        let parts = rawPath.split(separator: "?", maxSplits: 1).map(String.init)
        let requested = parts[0]
        let selector = parts.count > 1 ? Self.labelSelector(parts[1]) : [:]
        if requested == "/apis" {
            let groups = servedGroups.map { ["name": $0, "versions": [["groupVersion": "\($0)/v1", "version": "v1"]]] as [String: Any] }
            return try json(["kind": "APIGroupList", "apiVersion": "v1", "groups": groups], line)
        }
        let snapshot = objects.withLock { $0 }
        let path = Self.servedAs(requested, in: snapshot)
        if let items = snapshot[path] {
            let filtered = items.filter { item in
                let labels = (item["metadata"] as? [String: Any])?["labels"] as? [String: String] ?? [:]
                return selector.allSatisfy { labels[$0.key] == $0.value }
            }
            return try json(["kind": "List", "apiVersion": "v1", "metadata": [:], "items": filtered], line)
        }
        let collection = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        if let items = snapshot[collection] {
            guard let item = items.first(where: { Self.name(of: $0) == name }) else {
                throw notFound((collection as NSString).lastPathComponent, name, line)
            }
            return try json(item, line)
        }
        throw .nonZeroExit(command: line, status: 1, stderr: "Error from server (NotFound): the server could not find the requested resource")
    }

    /// Kinds a cluster serves at several versions (reference kubectl-wire; the API test
    /// server does the same): a read at any of them finds the objects stored at another.
    static let servedVersions: [String: [String]] = [
        "/apis/deckhouse.io/{v}/nodegroups": ["v1", "v1alpha2", "v1alpha1"],
        "/apis/deckhouse.io/{v}/ingressnginxcontrollers": ["v1", "v1alpha1"],
    ]

    static func servedAs(_ path: String, in snapshot: [String: [[String: Any]]]) -> String {
        for (pattern, versions) in servedVersions {
            for version in versions {
                let collection = pattern.replacingOccurrences(of: "{v}", with: version)
                guard path == collection || path.hasPrefix(collection + "/") else { continue }
                let rest = path.dropFirst(collection.count)
                for other in versions {
                    let candidate = pattern.replacingOccurrences(of: "{v}", with: other)
                    if snapshot[candidate] != nil { return candidate + rest }
                }
            }
        }
        return path
    }

    private static func labelSelector(_ query: String) -> [String: String] {
        var selector: [String: String] = [:]
        for item in query.split(separator: "&") where item.hasPrefix("labelSelector=") {
            let value = String(item.dropFirst(14)).removingPercentEncoding ?? ""
            for pair in value.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { selector[kv[0]] = kv[1] }
            }
        }
        return selector
    }

    static func name(of object: [String: Any]) -> String? {
        (object["metadata"] as? [String: Any])?["name"] as? String
    }

    /// Compact JSON with slashes left alone, as kube-apiserver writes it (Foundation would
    /// write `\/`), so the demo and the in-process benchmarks decode the bytes kubectl hands over.
    private func json(_ object: Any, _ line: String) throws(RunError) -> CommandOutput {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            throw .undecodable(command: line, detail: "sandbox could not encode its state")
        }
        return CommandOutput(stdout: Array(data))
    }

    private func scale(namespace: String, name: String, replicas: Int, dryRun: Bool, line: String) throws(RunError) {
        let path = "/apis/apps/v1/namespaces/\(namespace)/deployments"
        let found: Bool = objects.withLock { objects in
            guard var items = objects[path], let index = items.firstIndex(where: { Self.name(of: $0) == name }) else { return false }
            if dryRun { return true }
            var deployment = items[index]
            var spec = deployment["spec"] as? [String: Any] ?? [:]
            spec["replicas"] = replicas
            deployment["spec"] = spec
            deployment["status"] = ["replicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas, "updatedReplicas": replicas]
            items[index] = deployment
            objects[path] = items
            Self.reconcilePods(&objects, namespace: namespace, app: name, replicas: replicas)
            return true
        }
        if !found { throw notFound("deployments.apps", name, line) }
    }

    /// Stands in for the ReplicaSet controller: pods of `app` follow the replica
    /// count, new ones spread round-robin over Ready nodes.
    private static func reconcilePods(_ objects: inout [String: [[String: Any]]], namespace: String, app: String, replicas: Int) {
        let podsPath = "/api/v1/namespaces/\(namespace)/pods"
        var pods = objects[podsPath] ?? []
        let isApp: ([String: Any]) -> Bool = { (($0["metadata"] as? [String: Any])?["labels"] as? [String: String])?["app"] == app }
        var mine = pods.filter(isApp)
        guard !mine.isEmpty || replicas > 0 else { return }
        let readyNodes = (objects["/api/v1/nodes"] ?? []).compactMap { node -> String? in
            let conditions = (node["status"] as? [String: Any])?["conditions"] as? [[String: Any]] ?? []
            let ready = conditions.contains { ($0["type"] as? String) == "Ready" && ($0["status"] as? String) == "True" }
            return ready ? name(of: node) : nil
        }
        while mine.count > replicas { mine.removeLast() }
        var counter = mine.count
        while mine.count < replicas {
            let used = Set(mine.compactMap { ($0["spec"] as? [String: Any])?["nodeName"] as? String })
            let node = readyNodes.first { !used.contains($0) } ?? readyNodes[counter % max(readyNodes.count, 1)]
            counter += 1
            mine.append([
                "metadata": ["name": "\(app)-6c9f7d8b5-demo\(counter)", "namespace": namespace, "labels": ["app": app]],
                "spec": ["nodeName": node],
                "status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]],
            ])
        }
        pods.removeAll(where: isApp)
        objects[podsPath] = pods + mine
    }

    private func setEnv(_ args: [String], namespace: String, dryRun: Bool, line: String) throws(RunError) -> CommandOutput {
        guard let target = args.first, target.hasPrefix("deployment/") else { throw usage(line) }
        let name = String(target.dropFirst(11))
        let container = args.first { $0.hasPrefix("--containers=") }.map { String($0.dropFirst(13)) }
        let assignments = args.dropFirst().filter { !$0.hasPrefix("--") }
        let path = "/apis/apps/v1/namespaces/\(namespace)/deployments"
        let found: Bool = objects.withLock { objects in
            guard var items = objects[path], let index = items.firstIndex(where: { Self.name(of: $0) == name }) else { return false }
            if dryRun { return true }
            items[index] = Self.applyEnv(items[index], container: container, assignments: Array(assignments))
            objects[path] = items
            return true
        }
        if !found { throw notFound("deployments.apps", name, line) }
        return CommandOutput(text: "deployment.apps/\(name) env updated\(dryRun ? " (server dry run)" : "")\n")
    }

    static func applyEnv(_ deployment: [String: Any], container: String?, assignments: [String]) -> [String: Any] {
        var deployment = deployment
        var spec = deployment["spec"] as? [String: Any] ?? [:]
        var template = spec["template"] as? [String: Any] ?? [:]
        var podSpec = template["spec"] as? [String: Any] ?? [:]
        var containers = podSpec["containers"] as? [[String: Any]] ?? []
        for index in containers.indices where container == nil || containers[index]["name"] as? String == container {
            var env = containers[index]["env"] as? [[String: Any]] ?? []
            for assignment in assignments {
                if assignment.hasSuffix("-") {
                    let variable = String(assignment.dropLast())
                    env.removeAll { $0["name"] as? String == variable }
                    continue
                }
                let kv = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { continue }
                if let at = env.firstIndex(where: { $0["name"] as? String == kv[0] }) {
                    env[at] = ["name": kv[0], "value": kv[1]]
                } else {
                    env.append(["name": kv[0], "value": kv[1]])
                }
            }
            containers[index]["env"] = env
        }
        podSpec["containers"] = containers
        template["spec"] = podSpec
        spec["template"] = template
        deployment["spec"] = spec
        return deployment
    }
}

