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

    public func probe() async -> KubernetesState {
        let ns = namespace
        async let nodes = read("nodes", "/api/v1/nodes", inPlace: KubeDecoder.nodes)
        async let deployments = read("deployments", "/apis/apps/v1/namespaces/\(ns)/deployments", KubeDecoder.deployments)
        async let pods = read("router pods", "/api/v1/namespaces/\(ns)/pods?labelSelector=app%3Ddeis-router", KubeDecoder.pods)
        async let secrets = read("secrets", "/api/v1/namespaces/\(ns)/secrets", KubeDecoder.secrets)
        async let groups = read("API groups", "/apis", KubeDecoder.apiGroups)
        async let roles = read("cluster roles", "/apis/rbac.authorization.k8s.io/v1/clusterroles", KubeDecoder.names, missingMeansEmpty: true)
        async let backups = read("backup jobs", "/apis/batch/v1/cronjobs", KubeDecoder.backupJobs, missingMeansEmpty: true)
        var state = KubernetesState()
        state.nodes = await nodes
        state.deployments = await deployments
        state.pods = await pods
        state.secrets = await secrets
        state.apiGroups = await groups
        state.clusterRoles = await roles
        state.backupJobs = await backups
        return state
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
