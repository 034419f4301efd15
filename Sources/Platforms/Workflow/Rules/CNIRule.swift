import ShipshapeCore
import KubernetesRules
import EtcdRules
/// WF-CNI: on a CNI network the registry proxy must not rely on `hostPort` (kubernetes#23920:
/// CNI plugins without port mapping ignore it). Whether the network is CNI cannot be read from
/// the API; its symptom can: registry-proxy pods with a hostPort that are not Ready. With
/// `global.use_cni=true` the chart runs the proxy on the host network instead.
public struct CNIRule: Rule {
    public let info = RuleInfo(
        id: "WF-CNI", title: "The registry proxy does not rely on hostPort under CNI", severity: .warning, platforms: [.workflow],
        seed: "002 production-deployments.md — Using on-cluster registry with CNI",
        rationale: "With CNI managing the container network, hostPort may not work, and builds cannot push to the on-cluster registry. Set global.use_cni=true so deis-registry-proxy uses the host network."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "\(WorkflowNames.namespace)/\(WorkflowNames.registryProxy)"
        switch state.workflow {
        case .notProbed: return []
        case .failed(let error): return [unreadable(error, subject: subject)]
        case .loaded(let workflow):
            switch workflow.registryProxy {
            case .notProbed: return []
            case .failed(let error): return [unreadable(error, subject: subject)]
            case .loaded(let proxy): return [judge(proxy, subject: subject)]
            }
        }
    }

    func judge(_ proxy: WorkflowRegistryProxy?, subject: String) -> Finding {
        guard let proxy else {
            return finding(.notApplicable, subject: subject, "no \(WorkflowNames.registryProxy): the registry is off-cluster")
        }
        if proxy.hostPorts.isEmpty {
            let how = proxy.hostNetwork ? "on the host network (global.use_cni=true)" : "without a hostPort"
            return finding(.pass, subject: subject, "the registry proxy runs \(how)")
        }
        let ports = proxy.hostPorts.map(String.init).joined(separator: ", ")
        guard proxy.desired > 0 else {
            return finding(.manual, subject: subject, "the registry proxy uses hostPort \(ports) but no pod is scheduled: check by hand whether the network is CNI")
        }
        if proxy.ready < proxy.desired {
            let names = proxy.notReadyPods.prefix(3).joined(separator: ", ")
            return finding(.fail, subject: subject,
                           "hostPort \(ports) and \(proxy.desired - proxy.ready) of \(proxy.desired) registry-proxy pod(s) not Ready\(names.isEmpty ? "" : " (\(names))"): the CNI hostPort symptom; set global.use_cni=true in the Workflow chart's values and helm upgrade (by hand)")
        }
        return finding(.pass, subject: subject, "hostPort \(ports) works on this network: all \(proxy.desired) registry-proxy pod(s) Ready")
    }
}
