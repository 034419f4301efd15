import Foundation
import Yams
import ShipshapeCore
import PlatformKit

/// Reads an estate file (see `EstateFile`). Strict, as the policy file is: an unknown key, an
/// unknown platform, a cluster named twice or without a connection is an error naming the file
/// and line — a typo must never silently drop a cluster from the estate.
public struct EstateFileLoader: Sendable {
    /// Platform ids the file may name (`workflow`, `deckhouse`, `deis1`, `swarm`, `etcd`).
    public var platforms: [PlatformID]
    public var environment: [String: String]

    public init(platforms: [PlatformID], environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.platforms = platforms
        self.environment = environment
    }

    /// `$XDG_CONFIG_HOME/shipshape/estate.yaml`, else `~/.config/shipshape/estate.yaml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return config + "/shipshape/estate.yaml"
    }

    /// The file `--estate` names (it must exist), else the default one when it exists, else nil.
    public func loadDefault(explicitPath: String?) throws(EstateError) -> EstateFile? {
        if let explicitPath { return try load(file: explicitPath) }
        let path = Self.defaultPath(environment: environment)
        return FileManager.default.fileExists(atPath: path) ? try load(file: path) : nil
    }

    public func load(file: String) throws(EstateError) -> EstateFile {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw EstateError(file: file, line: nil, "cannot read the estate file")
        }
        return try parse(text, file: file)
    }

    static let clusterKeys = ["name", "platform", "kubeconfig", "context", "etcdEndpoints", "etcdCACert", "etcdCert", "etcdKey",
                              "fleetEndpoint", "fleetDriver", "fleetTunnel", "deisctlTunnel", "dockerHost", "dockerTLSVerify",
                              "dockerCertPath", "labels", "production", "readOnly"]

    public func parse(_ text: String, file: String) throws(EstateError) -> EstateFile {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw EstateError(file: file, line: nil, "not valid YAML: \(error)")
        }
        var estate = EstateFile(path: file, clusters: [])
        guard let root else { return estate }
        for (key, value) in try mapping(root, "the estate file", file) {
            switch key.string ?? "" {
            case "parallel":
                guard let number = value.string.flatMap(Int.init), number >= 1 else {
                    throw EstateError(file: file, line: line(value), "parallel must be a whole number of at least 1")
                }
                estate.parallel = number
            case "clusters":
                guard case .sequence(let items) = value else {
                    throw EstateError(file: file, line: line(value), "clusters must be a list")
                }
                for item in items { estate.clusters.append(try cluster(item, file: file, seen: estate.names)) }
            default:
                throw EstateError(file: file, line: line(key), "unknown key '\(key.string ?? "?")' (expected clusters, parallel)")
            }
        }
        return estate
    }

    private func cluster(_ node: Node, file: String, seen: [String]) throws(EstateError) -> TargetRequest {
        let fields = try mapping(node, "a cluster", file)
        var values: [String: Node] = [:]
        for (key, value) in fields {
            let name = key.string ?? ""
            guard Self.clusterKeys.contains(name) else {
                throw EstateError(file: file, line: line(key), "unknown key '\(name)' in a cluster (expected one of \(Self.clusterKeys.joined(separator: ", ")))")
            }
            values[name] = value
        }
        let at = line(node) ?? 0
        guard let name = values["name"]?.string, !name.isEmpty else { throw EstateError(file: file, line: line(node), "a cluster needs a name") }
        guard !seen.contains(name) else { throw EstateError(file: file, line: line(values["name"]!), "the cluster \"\(name)\" is named twice") }
        var request = TargetRequest(name: name, origin: .estateFile(path: file, line: at))
        if let platform = values["platform"] {
            guard let id = platforms.first(where: { $0.rawValue == platform.string }) else {
                throw EstateError(file: file, line: line(platform),
                                  "unknown platform '\(platform.string ?? "?")' (known: \(platforms.map(\.rawValue).joined(separator: ", ")))")
            }
            request.platform = id
        }
        func string(_ key: String) throws(EstateError) -> String? {
            guard let node = values[key] else { return nil }
            guard let text = node.string, case .scalar = node else { throw EstateError(file: file, line: line(node), "\(key) must be a string") }
            return expand(text)
        }
        func flag(_ key: String) throws(EstateError) -> Bool {
            guard let node = values[key] else { return false }
            guard let value = node.bool else { throw EstateError(file: file, line: line(node), "\(key) must be true or false") }
            return value
        }
        if values["kubeconfig"] != nil || values["context"] != nil {
            request.kube = TargetRequest.Kube(kubeconfig: try string("kubeconfig"), context: try string("context"))
        }
        if let endpoints = values["etcdEndpoints"] {
            request.etcd = TargetRequest.Etcd(endpoints: try list(endpoints, "etcdEndpoints", file),
                                              cacert: try string("etcdCACert"), cert: try string("etcdCert"), key: try string("etcdKey"))
        }
        if values["fleetEndpoint"] != nil || values["deisctlTunnel"] != nil {
            request.fleet = TargetRequest.Fleet(endpoint: try string("fleetEndpoint"), driver: try string("fleetDriver"),
                                                tunnel: try string("fleetTunnel"), deisctlTunnel: try string("deisctlTunnel"))
        }
        if values["dockerHost"] != nil {
            request.docker = TargetRequest.Docker(host: try string("dockerHost"), tlsVerify: try flag("dockerTLSVerify"),
                                                  certPath: try string("dockerCertPath"))
        }
        guard request.kube != nil || request.etcd != nil || request.fleet != nil || request.docker != nil else {
            throw EstateError(file: file, line: line(node),
                              "the cluster \"\(name)\" names no connection (context, dockerHost, etcdEndpoints or fleetEndpoint)")
        }
        request.production = try flag("production")
        request.readOnly = try flag("readOnly")
        if let labels = values["labels"] {
            for (key, value) in try mapping(labels, "labels", file) {
                guard let k = key.string, let v = value.string else { throw EstateError(file: file, line: line(key), "labels must map strings to strings") }
                request.labels[k] = v
            }
        }
        return request
    }

    private func list(_ node: Node, _ what: String, _ file: String) throws(EstateError) -> [String] {
        switch node {
        case .scalar: return (node.string ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .sequence(let items): return items.compactMap(\.string)
        default: throw EstateError(file: file, line: line(node), "\(what) must be a list or a comma-separated string")
        }
    }

    private func mapping(_ node: Node, _ what: String, _ file: String) throws(EstateError) -> [(Node, Node)] {
        guard case .mapping(let mapping) = node else {
            throw EstateError(file: file, line: line(node), "\(what) must be a mapping")
        }
        return mapping.map { ($0.key, $0.value) }
    }

    /// Yams counts lines from 1, as editors do.
    private func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    /// `~/x` → `$HOME/x`, as a shell would for a path in a config file.
    func expand(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst(1)
    }
}
