import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesKit
import WorkflowRules

/// Workflow's own reads: the `deis-registry-proxy` DaemonSet (a NotFound means the registry
/// is off-cluster) and, when it has pods that are not Ready, which ones.
struct WorkflowProbe: Sendable {
    var reader: KubernetesProbe

    func probe() async -> WorkflowState {
        var state = WorkflowState()
        let path = "/apis/apps/v1/namespaces/\(WorkflowNames.namespace)/daemonsets/\(WorkflowNames.registryProxy)"
        async let daemonSet = reader.read("registry proxy", path, WorkflowDecoder.registryProxy)
        async let pods = reader.read("registry proxy pods",
                                     "/api/v1/namespaces/\(WorkflowNames.namespace)/pods?labelSelector=app%3D\(WorkflowNames.registryProxy)",
                                     KubeDecoder.pods)
        switch await daemonSet {
        case .loaded(var proxy):
            proxy.notReadyPods = (await pods).value?.filter { !$0.ready }.map(\.name) ?? []
            state.registryProxy = .loaded(proxy)
        case .failed(let error) where error.kind == .notFound:
            state.registryProxy = .loaded(nil)
        case .failed(let error):
            state.registryProxy = .failed(error)
        case .notProbed:
            break
        }
        return state
    }
}

/// The DaemonSet's fields WF-CNI reads, decoded from `kubectl get --raw`.
enum WorkflowDecoder {
    struct DaemonSet: Decodable {
        var spec: Spec?
        var status: Status?

        struct Spec: Decodable { var template: Template? }
        struct Template: Decodable { var spec: PodSpec? }
        struct PodSpec: Decodable {
            var hostNetwork: Bool?
            var containers: [Container]?
        }
        struct Container: Decodable { var ports: [Port]? }
        struct Port: Decodable { var hostPort: Int? }
        struct Status: Decodable {
            var desiredNumberScheduled: Int?
            var numberReady: Int?
        }
    }

    static func registryProxy(_ bytes: [UInt8]) throws -> WorkflowRegistryProxy {
        let wire = try JSONDecoder().decode(DaemonSet.self, from: Data(bytes))
        let pod = wire.spec?.template?.spec
        let ports = (pod?.containers ?? []).flatMap { $0.ports ?? [] }.compactMap(\.hostPort)
        return WorkflowRegistryProxy(hostNetwork: pod?.hostNetwork ?? false, hostPorts: ports,
                                     desired: wire.status?.desiredNumberScheduled ?? 0, ready: wire.status?.numberReady ?? 0)
    }
}
