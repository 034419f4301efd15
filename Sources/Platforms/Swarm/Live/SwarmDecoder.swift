import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes

/// Turns docker's JSON into model values. Pure: tested against the documented
/// formats without a daemon. Every cluster string is sanitised here, once.
public enum SwarmDecoder {
    /// `docker … --format '{{json .}}'` prints one object per line.
    static func lines<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> [T] {
        let decoder = JSONDecoder()
        return try bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
            guard !trimmed.isEmpty else { return nil }
            return try decoder.decode(T.self, from: Data(trimmed))
        }
    }

    /// IDs of `docker node ls`, and which one is the daemon we talk to.
    static func nodeLines(_ bytes: [UInt8]) throws -> [SwarmWire.NodeLine] {
        try lines(SwarmWire.NodeLine.self, bytes)
    }

    public static func nodes(_ bytes: [UInt8], selfID: String? = nil) throws -> [SwarmNode] {
        try JSONDecoder().decode([SwarmWire.Node].self, from: Data(bytes)).map { node($0, selfID: selfID) }
    }

    static func node(_ wire: SwarmWire.Node, selfID: String?) -> SwarmNode {
        let managerAddress = wire.ManagerStatus?.Addr.map(hostPart)
        let statusAddress = wire.Status?.Addr ?? ""
        // A manager listening on 0.0.0.0 reports that as Status.Addr; its manager address is the real one.
        let address = (statusAddress.isEmpty || statusAddress == "0.0.0.0") ? (managerAddress ?? statusAddress) : statusAddress
        return SwarmNode(
            id: Sanitizer.line(wire.ID),
            hostname: Sanitizer.line(wire.Description?.Hostname ?? "?"),
            role: wire.Spec?.Role == "manager" ? .manager : .worker,
            availability: Sanitizer.line(wire.Spec?.Availability?.lowercased() ?? "unknown"),
            state: Sanitizer.line(wire.Status?.State?.lowercased() ?? "unknown"),
            address: Sanitizer.line(address),
            isLeader: wire.ManagerStatus?.Leader ?? false,
            reachability: wire.ManagerStatus.map { Sanitizer.line($0.Reachability ?? "unknown") },
            nanoCPUs: wire.Description?.Resources?.NanoCPUs,
            memoryBytes: wire.Description?.Resources?.MemoryBytes,
            engineVersion: Sanitizer.line(wire.Description?.Engine?.EngineVersion ?? "?"),
            os: Sanitizer.line(wire.Description?.Platform?.OS ?? ""),
            architecture: Sanitizer.line(wire.Description?.Platform?.Architecture ?? ""),
            labels: sanitized(wire.Spec?.Labels),
            engineLabels: sanitized(wire.Description?.Engine?.Labels),
            updatedAt: wire.UpdatedAt.flatMap(SwarmDate.parse),
            isSelf: wire.ID == selfID
        )
    }

    static func serviceLines(_ bytes: [UInt8]) throws -> [SwarmWire.ServiceLine] {
        try lines(SwarmWire.ServiceLine.self, bytes)
    }

    public static func services(_ bytes: [UInt8]) throws -> [SwarmService] {
        try JSONDecoder().decode([SwarmWire.Service].self, from: Data(bytes)).map(service)
    }

    static func service(_ wire: SwarmWire.Service) -> SwarmService {
        let container = wire.Spec.TaskTemplate?.ContainerSpec
        let mode: SwarmService.Mode = wire.Spec.Mode?.Global != nil && wire.Spec.Mode?.Replicated == nil
            ? .global : .replicated(wire.Spec.Mode?.Replicated?.Replicas ?? 1)
        // Endpoint.Ports holds the ports actually published (auto-assigned ones included).
        let ports = wire.Endpoint?.Ports ?? wire.Spec.EndpointSpec?.Ports ?? []
        return SwarmService(
            id: Sanitizer.line(wire.ID),
            name: Sanitizer.line(wire.Spec.Name),
            mode: mode,
            image: Sanitizer.line(container?.Image ?? "?"),
            constraints: (wire.Spec.TaskTemplate?.Placement?.Constraints ?? []).map { Sanitizer.line($0) },
            mounts: (container?.Mounts ?? []).map { mount in
                SwarmService.Mount(type: Sanitizer.line(mount.Type ?? "volume"), source: Sanitizer.line(mount.Source ?? ""),
                                   target: Sanitizer.line(mount.Target ?? ""), readOnly: mount.ReadOnly ?? false)
            },
            secrets: (container?.Secrets ?? []).compactMap { $0.SecretName.map { Sanitizer.line($0) } },
            configs: (container?.Configs ?? []).compactMap { $0.ConfigName.map { Sanitizer.line($0) } },
            env: (container?.Env ?? []).map { SwarmEnvVar(name: Sanitizer.line($0.name, maxLength: 120), value: $0.value) },
            ports: ports.map { port in
                SwarmService.PublishedPort(proto: Sanitizer.line(port.Protocol ?? "tcp"), targetPort: port.TargetPort ?? 0,
                                           publishedPort: port.PublishedPort, mode: Sanitizer.line(port.PublishMode ?? "ingress"))
            },
            healthCheck: healthCheck(container?.Healthcheck?.Test),
            updateOrder: wire.Spec.UpdateConfig?.Order.flatMap { $0.isEmpty ? nil : Sanitizer.line($0, maxLength: 20) }
        )
    }

    /// `Test` absent or empty: inherit the image's; `["NONE"]`: off; anything else: a check.
    static func healthCheck(_ test: [String]?) -> SwarmService.HealthCheck {
        guard let first = test?.first else { return .inherited }
        return first == "NONE" ? .disabled : .defined
    }

    /// `docker image inspect REF --format '{{json .Size}} {{json .Config.Healthcheck}}'`: the
    /// size, and whether the image declares a HEALTHCHECK (`null` when it does not).
    public static func imageFacts(_ bytes: [UInt8]) throws -> (size: Int64, healthCheck: Bool) {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let first = parts.first else { throw DecodeError.empty }
        let size = try JSONDecoder().decode(Int64.self, from: Data(first.utf8))
        let rest = parts.count > 1 ? parts[1] : "null"
        let check = try JSONDecoder().decode(SwarmWire.Service.Healthcheck?.self, from: Data(rest.utf8))
        return (size, healthCheck(check?.Test) == .defined)
    }

    enum DecodeError: Error { case empty }

    /// Node events (`docker events --filter type=node`); lines about anything else are skipped.
    public static func nodeEvents(_ bytes: [UInt8]) throws -> [SwarmNodeEvent] {
        try lines(SwarmWire.EventLine.self, bytes).compactMap { line in
            guard line.Type == "node", let id = line.Actor?.ID else { return nil }
            let attributes = line.Actor?.Attributes ?? [:]
            let seconds = line.timeNano.map { Double($0) / 1e9 } ?? line.time.map(Double.init) ?? 0
            let value: (String) -> String? = { key in attributes[key].map { Sanitizer.line($0.lowercased(), maxLength: 20) } }
            return SwarmNodeEvent(nodeID: Sanitizer.line(id), time: Date(timeIntervalSince1970: seconds),
                                  stateOld: value("state.old"), stateNew: value("state.new"),
                                  availabilityOld: value("availability.old"), availabilityNew: value("availability.new"))
        }
    }

    /// `getent ahostsv4 NAME`: one address per line and socket type; the distinct ones, in order.
    public static func addresses(_ bytes: [UInt8]) -> [String] {
        var seen: [String] = []
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            guard let first = line.split(whereSeparator: \.isWhitespace).first else { continue }
            let address = Sanitizer.line(String(first), maxLength: 60)
            if !seen.contains(address) { seen.append(address) }
        }
        return seen
    }

    /// Tasks from `docker service ps`. The line names the node by hostname only; it is
    /// resolved to an ID when exactly one node has that hostname. Tasks on a hostname
    /// shared by several nodes come back in `ambiguous` for the probe to resolve.
    static func tasks(_ bytes: [UInt8], nodes: [SwarmNode]) throws -> (tasks: [SwarmTask], ambiguous: Set<String>) {
        var byHostname: [String: [String]] = [:]
        for node in nodes { byHostname[node.hostname, default: []].append(node.id) }
        var ambiguous: Set<String> = []
        let tasks = try lines(SwarmWire.TaskLine.self, bytes).map { line -> SwarmTask in
            let name = Sanitizer.line(line.Name ?? "")
            let hostname = Sanitizer.line(line.Node ?? "")
            let candidates = byHostname[hostname] ?? []
            if candidates.count > 1 { ambiguous.insert(hostname) }
            return SwarmTask(
                id: Sanitizer.line(line.ID),
                name: name,
                serviceName: serviceName(ofTask: name),
                nodeID: candidates.count == 1 ? candidates[0] : nil,
                nodeHostname: hostname,
                state: stateWord(line.CurrentState),
                desiredState: Sanitizer.line(line.DesiredState?.lowercased() ?? ""),
                error: Sanitizer.line(unquoted(line.Error ?? ""), maxLength: 300)
            )
        }
        return (tasks, ambiguous)
    }

    /// `web.1` → `web`; `agent.o5b5…` (global) → `agent`. Service names cannot hold a dot.
    static func serviceName(ofTask name: String) -> String {
        String(name.prefix { $0 != "." })
    }

    /// "Running 3 seconds ago" → "running". The rest changes every second and means nothing to rules.
    static func stateWord(_ current: String?) -> String {
        Sanitizer.line(String((current ?? "").prefix { $0 != " " }).lowercased(), maxLength: 20)
    }

    /// `service ps` wraps a set Error in literal double quotes.
    static func unquoted(_ text: String) -> String {
        text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
    }

    /// `docker image inspect REF --format '{{json .Size}}'`.
    public static func imageSize(_ bytes: [UInt8]) throws -> Int64 {
        try JSONDecoder().decode(Int64.self, from: Data(bytes))
    }

    /// Task IDs from `docker node ps NODE --no-trunc -q`.
    static func ids(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).map { Sanitizer.line(String($0)) }
    }

    static func hostPart(_ address: String) -> String {
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            return String(address[address.index(after: address.startIndex)..<close])
        }
        guard let colon = address.lastIndex(of: ":"), address.filter({ $0 == ":" }).count == 1 else { return address }
        return String(address[..<colon])
    }

    static func sanitized(_ labels: [String: String]?) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in labels ?? [:] { out[Sanitizer.line(key)] = Sanitizer.line(value) }
        return out
    }
}
