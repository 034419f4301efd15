import Foundation
import Synchronization
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules

/// The v2 half of the etcd sandbox: what `ETCDCTL_API=2 etcdctl` prints against etcd 3.4 with
/// `--enable-v2` (reference/cli-formats.md §1.6–1.7; exit codes and messages as the Deis v1 lab
/// observed them): plain-text member list and cluster-health, `ls`, `get`, `set`, `rm` on a
/// store of its own, and a 404 for every call when the scenario has v2 off.
extension EtcdSandbox {
    func etcdctlV2(_ args: [String], acceptedExitStatuses: [Int32]) throws(RunError) -> CommandOutput {
        let line = "ETCDCTL_API=2 " + (["etcdctl"] + args).joined(separator: " ")
        var rest = args[...]
        var endpoints: [String] = []
        var json = false
        let valued: Set<String> = ["--endpoints", "--ca-file", "--cert-file", "--key-file", "--timeout", "--total-timeout", "-o", "--output"]
        while let first = rest.first, first.hasPrefix("-") {
            rest = rest.dropFirst()
            if first == "--no-sync" { continue }
            guard valued.contains(first), let value = rest.first else {
                throw .nonZeroExit(command: line, status: 1, stderr: "Incorrect Usage: flag provided but not defined: \(first)")
            }
            rest = rest.dropFirst()
            if first == "--endpoints" { endpoints = value.split(separator: ",").map(String.init) }
            if first == "-o" || first == "--output" { json = value == "json" }
        }
        let snapshot = state.withLock { $0 }
        let memberURLs = Set(snapshot.members.flatMap { $0.clientURLs ?? [] })
        guard !endpoints.isEmpty, endpoints.allSatisfy({ pinned.contains($0) || memberURLs.contains($0) }) else {
            throw .nonZeroExit(command: line, status: 1, stderr: "Error:  the demo sandbox refuses a v2 etcdctl call without the pinned --endpoints")
        }
        let words = Array(rest)
        guard snapshot.v2Enabled != false else { throw Self.v2Missing(words.first ?? "", line) }
        guard let answering = Self.reachable(endpoints, snapshot) else { throw Self.v2Unreachable(words.first ?? "", endpoints, line) }
        switch (words.first, words.dropFirst().first) {
        case ("member", "list"): return CommandOutput(text: Self.v2MemberList(snapshot, answering: answering))
        case ("cluster-health", _): return try Self.v2ClusterHealth(snapshot, line: line, accepted: acceptedExitStatuses)
        case ("ls", _): return try v2List(Array(words.dropFirst()), snapshot, json: json, line: line)
        case ("get", _): return try v2Get(Array(words.dropFirst()), snapshot, line: line)
        case ("set", _): return try v2Set(Array(words.dropFirst()), line: line)
        case ("rm", _): return try v2Remove(Array(words.dropFirst()), line: line)
        default:
            throw .nonZeroExit(command: line, status: 1, stderr: "Error:  the demo sandbox does not answer this v2 etcdctl command")
        }
    }

    // MARK: failures, worded as etcdctl words them

    static func v2Missing(_ command: String, _ line: String) -> RunError {
        switch command {
        case "member": return .nonZeroExit(command: line, status: 1, stderr: "unexpected status code 404\n")
        case "cluster-health": return .nonZeroExit(command: line, status: 4, stderr: "Error:  unexpected status code 404\n")
        default: return .nonZeroExit(command: line, status: 4, stderr: "Error:  client: response is invalid json. The endpoint is probably not valid etcd cluster endpoint.\n")
        }
    }

    static func v2Unreachable(_ command: String, _ endpoints: [String], _ line: String) -> RunError {
        let errors = endpoints.enumerated().map { "error #\($0.offset): dial tcp \(URLComponents(string: $0.element)?.host ?? $0.element):\(URLComponents(string: $0.element)?.port ?? 2379): connect: connection refused" }
        let message = "client: etcd cluster is unavailable or misconfigured; " + errors.joined(separator: "; ")
        if command == "member" { return .nonZeroExit(command: line, status: 1, stderr: message + "\n") }
        return .nonZeroExit(command: line, status: 4, stderr: "Error:  " + message + "\n\n" + errors.joined(separator: "\n") + "\n")
    }

    static func keyNotFound(_ key: String, _ line: String, index: Int64) -> RunError {
        .nonZeroExit(command: line, status: 4, stderr: "Error:  100: Key not found (\(key)) [\(index)]\n")
    }

    // MARK: membership and health

    /// Sorted by member ID, as etcd lists them. Without quorum, the member that answers still
    /// calls itself leader (observed: `member list` from a lone survivor says `isLeader=true`).
    static func v2MemberList(_ state: EtcdScenario, answering: EtcdScenario.Member) -> String {
        let leader = hasQuorum(state) ? state.leader : answering.id
        return state.members.sorted { $0.id < $1.id }.map { member in
            let id = String(member.id, radix: 16)
            guard let name = member.name, !name.isEmpty else { return "\(id)[unstarted]: peerURLs=\(member.peerURLs.joined(separator: ","))\n" }
            return "\(id): name=\(name) peerURLs=\(member.peerURLs.joined(separator: ",")) clientURLs=\((member.clientURLs ?? []).joined(separator: ",")) isLeader=\(member.id == leader)\n"
        }.joined()
    }

    static func v2ClusterHealth(_ state: EtcdScenario, line: String, accepted: [Int32]) throws(RunError) -> CommandOutput {
        let quorum = hasQuorum(state)
        var text = "", healthy = 0
        for member in state.members.sorted(by: { $0.id < $1.id }) {
            let id = String(member.id, radix: 16)
            let urls = member.clientURLs ?? []
            guard let url = urls.first, !(member.name ?? "").isEmpty else {
                text += "member \(id) is unreachable: no available published client urls\n"
                continue
            }
            if member.down == true {
                for url in urls {
                    let host = URLComponents(string: url).map { "\($0.host ?? ""):\($0.port ?? 2379)" } ?? url
                    text += "failed to check the health of member \(id) on \(url): Get \"\(url)/health\": dial tcp \(host): connect: connection refused\n"
                }
                text += "member \(id) is unreachable: [\(urls.joined(separator: " "))] are all unreachable\n"
            } else if quorum {
                text += "member \(id) is healthy: got healthy result from \(url)\n"
                healthy += 1
            } else {
                text += "member \(id) is unhealthy: got unhealthy result from \(url)\n"
            }
        }
        let all = healthy == state.members.count
        text += "cluster is \(all ? "healthy" : quorum ? "degraded" : "unavailable")\n"
        if !all && !accepted.contains(5) { throw .nonZeroExit(command: line, status: 5, stderr: "") }
        return CommandOutput(text: text)
    }

    // MARK: keys

    /// Every directory implied by the keys (`/deis/router/hosts/x` → `/deis`, `/deis/router`, …).
    static func directories(_ keys: [String: String]) -> Set<String> {
        var dirs = Set<String>()
        for key in keys.keys {
            var parts = key.split(separator: "/").map(String.init)
            parts.removeLast()
            var path = ""
            for part in parts { path += "/" + part; dirs.insert(path) }
        }
        return dirs
    }

    /// The first component of `key` that does not exist, as etcd names it in "Key not found".
    static func firstMissing(_ key: String, keys: [String: String], dirs: Set<String>) -> String {
        var path = ""
        for part in key.split(separator: "/") {
            path += "/" + part
            if keys[path] == nil && !dirs.contains(path) { return path }
        }
        return key
    }

    static func normalise(_ key: String) -> String {
        let trimmed = "/" + key.split(separator: "/").joined(separator: "/")
        return trimmed
    }

    func v2List(_ args: [String], _ snapshot: EtcdScenario, json: Bool, line: String) throws(RunError) -> CommandOutput {
        let flags = Set(args.filter { $0.hasPrefix("-") })
        let key = Self.normalise(args.first { !$0.hasPrefix("-") } ?? "/")
        let recursive = flags.contains("--recursive") || flags.contains("-r")
        let slash = flags.contains("-p")
        let keys = snapshot.v2Keys ?? [:]
        let dirs = Self.directories(keys)
        guard key == "/" || dirs.contains(key) || keys[key] != nil else {
            throw Self.keyNotFound(Self.firstMissing(key, keys: keys, dirs: dirs), line, index: snapshot.revision ?? 1)
        }
        if json { return try jsonTree(key, keys: keys, dirs: dirs, recursive: recursive, line: line) }
        let base = key == "/" ? "" : key
        let all = (Set(keys.keys).map { ($0, false) } + dirs.map { ($0, true) }).filter { $0.0.hasPrefix(base + "/") }
        // v2 hides keys starting with `_` in listings (fleet's /_coreos.com).
        let shown = all.filter { path, _ in
            let relative = path.dropFirst(base.count + 1)
            return (recursive || !relative.contains("/")) && !relative.split(separator: "/").contains { $0.hasPrefix("_") }
        }.sorted { $0.0 < $1.0 }
        return CommandOutput(text: shown.map { $0.0 + ($0.1 && slash ? "/" : "") + "\n" }.joined())
    }

    /// `-o json ls [--recursive] KEY`: the response with the node tree, values included.
    func jsonTree(_ key: String, keys: [String: String], dirs: Set<String>, recursive: Bool, line: String) throws(RunError) -> CommandOutput {
        func node(_ path: String, depth: Int) -> [String: Any] {
            if let value = keys[path] { return ["key": path, "value": value, "nodes": NSNull(), "createdIndex": 5, "modifiedIndex": 5] }
            let prefix = path == "/" ? "/" : path + "/"
            let children = (Set(keys.keys).union(dirs)).filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }.sorted()
            let nodes: Any = children.isEmpty ? NSNull() : children.map { child -> [String: Any] in
                recursive || depth == 0 ? node(child, depth: depth + 1) : ["key": child, "dir": true, "value": ""]
            }
            return ["key": path, "dir": true, "value": "", "nodes": nodes, "createdIndex": 4, "modifiedIndex": 4]
        }
        let response: [String: Any] = ["action": "get", "node": node(key, depth: 0), "prevNode": NSNull()]
        guard let data = try? JSONSerialization.data(withJSONObject: response, options: [.sortedKeys]) else {
            throw .undecodable(command: line, detail: "sandbox could not encode its v2 store")
        }
        return CommandOutput(stdout: Array(data) + [0x0A])
    }

    func v2Get(_ args: [String], _ snapshot: EtcdScenario, line: String) throws(RunError) -> CommandOutput {
        guard let raw = args.first(where: { !$0.hasPrefix("-") }) else {
            throw .nonZeroExit(command: line, status: 1, stderr: "Error:  Key required\n")
        }
        let key = Self.normalise(raw)
        let keys = snapshot.v2Keys ?? [:]
        if let value = keys[key] { return CommandOutput(text: value + "\n") }
        let dirs = Self.directories(keys)
        if dirs.contains(key) { throw .nonZeroExit(command: line, status: 1, stderr: "\(key): is a directory\n") }
        throw Self.keyNotFound(Self.firstMissing(key, keys: keys, dirs: dirs), line, index: snapshot.revision ?? 1)
    }

    func v2Set(_ args: [String], line: String) throws(RunError) -> CommandOutput {
        let positional = args.filter { $0 != "--" }
        guard positional.count == 2 else { throw .nonZeroExit(command: line, status: 1, stderr: "Error:  Key required\n") }
        guard setV2(Self.normalise(positional[0]), positional[1]) else { throw Self.writeTimedOut(line) }
        return CommandOutput(text: positional[1] + "\n")
    }

    func v2Remove(_ args: [String], line: String) throws(RunError) -> CommandOutput {
        guard let raw = args.first(where: { !$0.hasPrefix("-") }) else { throw .nonZeroExit(command: line, status: 1, stderr: "Error:  Key required\n") }
        let key = Self.normalise(raw)
        let snapshot = state.withLock { $0 }
        let keys = snapshot.v2Keys ?? [:]
        guard let previous = keys[key] else {
            throw Self.keyNotFound(Self.firstMissing(key, keys: keys, dirs: Self.directories(keys)), line, index: snapshot.revision ?? 1)
        }
        guard setV2(key, nil) else { throw Self.writeTimedOut(line) }
        return CommandOutput(text: "PrevNode.Value: \(previous)\n")
    }

    static func writeTimedOut(_ line: String) -> RunError {
        .nonZeroExit(command: line, status: 4, stderr: "Error:  client: etcd cluster is unavailable or misconfigured; error #0: client: endpoint timed out\n")
    }
}
