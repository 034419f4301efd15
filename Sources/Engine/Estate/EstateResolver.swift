import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Turns what was asked for into pinned clusters. Targets come from, in order: the flags;
/// else the estate file (all of it, or the `--cluster` names); else what the environment
/// names (each platform's `discover`). Each is then given its platform — the one asked for,
/// else the first plug-in, by detection rank, that confirms it (a fallback only when none
/// does) — and pinned. A cluster that fails to pin fails alone; the rest go on.
public struct EstateResolver: Sendable {
    public var plugins: [any PlatformPlugin]
    public var runner: any CommandRunner
    public var environment: [String: String]
    public var parallel: Int

    public init(plugins: [any PlatformPlugin], runner: any CommandRunner,
                environment: [String: String] = ProcessInfo.processInfo.environment, parallel: Int = 8) {
        self.plugins = plugins
        self.runner = runner
        self.environment = environment
        self.parallel = parallel
    }

    /// Where the requests come from, and which: flags win, then the estate file, then the environment.
    public enum Source: Sendable, Equatable {
        case flags, estateFile(String), environment
    }

    public func requests(flags: [TargetRequest], estate: EstateFile?, clusters: [String]) async throws(EstateError) -> (Source, [TargetRequest]) {
        if !clusters.isEmpty {
            guard let estate else {
                throw EstateError(file: nil, line: nil, "--cluster names clusters of an estate file, and there is none (\(EstateFileLoader.defaultPath(environment: environment)), or --estate FILE)")
            }
            return (.estateFile(estate.path), try estate.pick(clusters))
        }
        if !flags.isEmpty { return (.flags, flags) }
        if let estate { return (.estateFile(estate.path), estate.clusters) }
        return (.environment, await discover())
    }

    /// What the environment names, one request per cluster: a request whose pins another
    /// request also has is part of that one (`ETCDCTL_ENDPOINTS` with `FLEETCTL_ENDPOINT` is one
    /// Deis v1 cluster, not a Deis v1 and a bare etcd).
    public func discover() async -> [TargetRequest] {
        var found: [TargetRequest] = []
        for plugin in plugins {
            for request in await plugin.discover(environment: environment, runner: runner) {
                if found.contains(where: { $0.covers(request) }) { continue }
                found.removeAll { request.covers($0) }
                found.append(request)
            }
        }
        return found
    }

    /// Every request resolved, at most `parallel` at a time, in request order.
    public func resolve(_ requests: [TargetRequest]) async -> [ResolvedCluster] {
        var results = [ResolvedCluster?](repeating: nil, count: requests.count)
        await withTaskGroup(of: (Int, ResolvedCluster).self) { group in
            var next = 0
            func start() {
                guard next < requests.count else { return }
                let index = next, request = requests[index], resolver = self
                next += 1
                group.addTask { (index, await resolver.resolve(request)) }
            }
            for _ in 0..<min(max(parallel, 1), requests.count) { start() }
            for await (index, resolved) in group {
                results[index] = resolved
                start()
            }
        }
        return results.compactMap { $0 }
    }

    public func resolve(_ request: TargetRequest) async -> ResolvedCluster {
        let chosen: (any PlatformPlugin)?
        var detection: String
        if let id = request.platform {
            chosen = plugins.first { $0.id == id }
            detection = "platform \(id.rawValue) as given"
            if let chosen, !chosen.accepts(request) {
                return ResolvedCluster(request: request, plugin: chosen, target: nil, detection: detection,
                                       error: "\(request.label) (from \(request.origin)) lacks what \(id.displayName) needs: \(chosen.discoveryHelp)")
            }
        } else {
            // Detection reads the cluster, so it needs the connection pinned first: a kube
            // context is resolved once here and the same one is used for the target.
            let pinnedRequest: TargetRequest
            do { pinnedRequest = try await pinKubeContext(request) } catch {
                return ResolvedCluster(request: request, plugin: nil, target: nil, detection: "", error: "\(request.label): \(error)")
            }
            (chosen, detection) = await detect(pinnedRequest)
            guard let chosen else {
                return ResolvedCluster(request: request, plugin: nil, target: nil, detection: detection,
                                       error: "\(request.label) (from \(request.origin)): no platform recognised — \(detection)")
            }
            return await pin(pinnedRequest, with: chosen, detection: detection)
        }
        guard let chosen else {
            return ResolvedCluster(request: request, plugin: nil, target: nil, detection: detection, error: "unknown platform")
        }
        return await pin(request, with: chosen, detection: detection)
    }

    func pin(_ request: TargetRequest, with plugin: any PlatformPlugin, detection: String) async -> ResolvedCluster {
        do {
            let target = try await plugin.pin(request, environment: environment, runner: runner)
            return ResolvedCluster(request: request, plugin: plugin, target: target, detection: detection)
        } catch {
            return ResolvedCluster(request: request, plugin: plugin, target: nil, detection: detection,
                                   error: "\(request.label) (from \(request.origin)): \(error)")
        }
    }

    /// Asks each plug-in that accepts the request, by rank; the first to confirm wins, else the
    /// best-ranked fallback. Returns the reasons heard, for messages.
    func detect(_ request: TargetRequest) async -> ((any PlatformPlugin)?, String) {
        let candidates = plugins.enumerated().filter { $0.element.accepts(request) }
            .sorted { ($0.element.detectionRank, $0.offset) < ($1.element.detectionRank, $1.offset) }.map(\.element)
        var heard: [String] = []
        var fallback: (any PlatformPlugin, String)?
        for plugin in candidates {
            switch await plugin.detect(request, runner: runner) {
            case .confirmed(let why): return (plugin, "\(plugin.id.displayName): \(why)")
            case .fallback(let why): if fallback == nil { fallback = (plugin, why) }
            case .rejected(let why): heard.append("not \(plugin.id.displayName): \(why)")
            }
        }
        if let (plugin, why) = fallback { return (plugin, "\(plugin.id.displayName): \(why)" + (heard.isEmpty ? "" : " (\(heard.joined(separator: "; ")))")) }
        return (nil, heard.isEmpty ? "nothing accepts this connection" : heard.joined(separator: "; "))
    }

    /// The request with its defaults made explicit by the first plug-in that takes it, so
    /// detection and the target read the same cluster.
    func pinKubeContext(_ request: TargetRequest) async throws -> TargetRequest {
        guard let plugin = plugins.first(where: { $0.accepts(request) }) else { return request }
        return try await plugin.prepare(request, environment: environment, runner: runner)
    }
}
