import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// Reads a Kubernetes cluster through `kubectl get --raw`, every section
/// concurrently, so a refresh costs the slowest read rather than the sum.
public struct KubernetesProbe: Sendable {
    public var runner: any CommandRunner
    public var target: KubeTarget
    public var namespace: String

    public init(runner: any CommandRunner, target: KubeTarget, namespace: String = "deis") {
        self.runner = runner
        self.target = target
        self.namespace = namespace
    }

    /// The paths the probe reads (and a watch follows), by section.
    public struct Paths: Sendable {
        public let nodes = "/api/v1/nodes"
        public let deployments: String
        public let routerPods: String
        public let secrets: String
        public let groups = "/apis"
        public let roles = "/apis/rbac.authorization.k8s.io/v1/clusterroles"
        public let backups = "/apis/batch/v1/cronjobs"

        public init(namespace: String) {
            deployments = "/apis/apps/v1/namespaces/\(namespace)/deployments"
            routerPods = "/api/v1/namespaces/\(namespace)/pods?labelSelector=app%3Ddeis-router"
            secrets = "/api/v1/namespaces/\(namespace)/secrets"
        }
    }

    public var paths: Paths { Paths(namespace: namespace) }

    public func probe() async -> KubernetesState {
        let p = paths
        async let nodes = readList("nodes", p.nodes, inPlace: KubeNodeListScan.nodesAndVersion)
        async let deployments = readList("deployments", p.deployments, KubeDecoder.deployments)
        async let pods = readList("router pods", p.routerPods, KubeDecoder.pods)
        async let secrets = readList("secrets", p.secrets, KubeDecoder.secrets)
        async let groups = read("API groups", p.groups, KubeDecoder.apiGroups)
        async let roles = readList("cluster roles", p.roles, KubeDecoder.names, missingMeansEmpty: true)
        async let backups = readList("backup jobs", p.backups, KubeDecoder.backupJobs, missingMeansEmpty: true)
        var state = KubernetesState()
        (state.nodes, state.versions[p.nodes]) = await nodes
        (state.deployments, state.versions[p.deployments]) = await deployments
        (state.pods, state.versions[p.routerPods]) = await pods
        (state.secrets, state.versions[p.secrets]) = await secrets
        state.apiGroups = await groups
        (state.clusterRoles, state.versions[p.roles]) = await roles
        (state.backupJobs, state.versions[p.backups]) = await backups
        return state
    }

    /// A list and its resource version (nil when it failed, or the server gave none).
    public func readList<T: Sendable>(
        _ what: String, _ path: String, _ decode: @escaping @Sendable ([UInt8]) throws -> T, missingMeansEmpty: Bool = false
    ) async -> (Loaded<T>, String?) {
        await readList(what, path, inPlace: { buffer in (try decode(Array(buffer)), KubeListVersion.of(buffer)) },
                       missingMeansEmpty: missingMeansEmpty)
    }

    /// A list decoded in place together with its resource version.
    public func readList<T: Sendable>(
        _ what: String, _ path: String, inPlace decode: @Sendable (UnsafeBufferPointer<UInt8>) throws -> (T, String?), missingMeansEmpty: Bool = false
    ) async -> (Loaded<T>, String?) {
        switch await read(what, path, inPlace: { try Versioned(decode($0)) }, missingMeansEmpty: false) {
        case .loaded(let versioned): return (.loaded(versioned.value), versioned.version)
        case .notProbed: return (.notProbed, nil)
        case .failed(let error):
            if missingMeansEmpty, error.kind == .notFound, let empty = Self.emptyList(T.self) { return (.loaded(empty), nil) }
            return (.failed(error), nil)
        }
    }

    /// One deployment, read fresh: used to check a fix's precondition just before it runs.
    public func deployment(_ name: String) async -> Loaded<KubeDeployment> {
        await read("deployment \(name)", "/apis/apps/v1/namespaces/\(namespace)/deployments/\(name)", KubeDecoder.deployment)
    }

    public func read<T: Sendable>(
        _ what: String, _ path: String, _ decode: @Sendable ([UInt8]) throws -> T, missingMeansEmpty: Bool = false
    ) async -> Loaded<T> {
        // Small reads keep their array decoders: copying a few kilobytes costs nothing.
        await read(what, path, inPlace: { try decode(Array($0)) }, missingMeansEmpty: missingMeansEmpty)
    }

    /// Decodes kubectl's output where it lies (`run(_:readingOutput:)`): for the node list that
    /// saves capturing and copying 28 MB at 5,000 nodes. A `RunError` is the command failing;
    /// anything else thrown is the decoder rejecting the bytes.
    public func read<T: Sendable>(
        _ what: String, _ path: String, inPlace decode: @Sendable (UnsafeBufferPointer<UInt8>) throws -> T, missingMeansEmpty: Bool = false
    ) async -> Loaded<T> {
        do {
            return .loaded(try await runner.run(target.rawGet(path), readingOutput: decode))
        } catch let error as RunError {
            let probeError = ProbeError.from(error, what: what)
            if missingMeansEmpty, probeError.kind == .notFound, let empty = Self.emptyList(T.self) { return .loaded(empty) }
            return .failed(probeError)
        } catch {
            return .failed(ProbeError(.malformed, "\(what): kubectl returned malformed JSON for \(path) (\(Self.summary(of: error)))"))
        }
    }

    /// "Not served" reads as an empty list for optional resources (no batch API, no RBAC).
    public static func emptyList<T>(_ type: T.Type) -> T? {
        ([String]() as? T) ?? ([BackupJob]() as? T)
    }

    public static func summary(of error: any Error) -> String { DecodeFailure.summary(of: error) }
}

/// A decoded list with the resource version it was read at.
struct Versioned<T: Sendable>: Sendable {
    let value: T
    let version: String?
    init(_ pair: (T, String?)) { (value, version) = pair }
}
