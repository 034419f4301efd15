import ShipshapeCore
import PaneKit
import WorkflowRules
import KubernetesRules
import EtcdRules
import KubernetesPanes
import EtcdPanes

/// Router scale: desired vs ready replicas of deis-router, and where each pod runs.
struct RouterPaneSource: PaneSource {
    let state: KubernetesState?
    let pods: [KubePod]
    let minimum: Int

    var title: String { "Router scale" }
    var columns: [Column] { [Column("POD"), Column("NODE", width: 14), Column("READY", width: 5)] }
    var rowCount: Int { errorText == nil ? pods.count : 0 }
    var errorText: String? { state?.deployments.error?.message ?? state?.pods.error?.message }
    var emptyText: String {
        guard let state else { return "loading…" }
        return state.deployment("deis-router") == nil ? "no deis-router deployment" : "no router pods"
    }

    var summary: [Cell]? {
        guard let router = state?.deployment("deis-router") else { return nil }
        let nodes = Set(pods.filter(\.ready).compactMap(\.nodeName)).count
        let healthy = router.desiredReplicas >= minimum && router.readyReplicas >= minimum && nodes >= min(minimum, 2)
        return [Cell("deis-router  replicas \(router.readyReplicas)/\(router.desiredReplicas) ready · \(nodes) node(s) · want ≥\(minimum)",
                     healthy ? .ok : .error)]
    }

    func row(at index: Int) -> [Cell] {
        let pod = pods[index]
        return [Cell(pod.name), Cell(pod.nodeName ?? "-", .dim), pod.ready ? Cell("yes", .ok) : Cell("no", .error)]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard pods.indices.contains(index) else { return nil }
        let pod = pods[index]
        return (pod.name, ["Pod:    \(pod.name)", "Node:   \(pod.nodeName ?? "-")", "Phase:  \(pod.phase)", "Ready:  \(pod.ready ? "yes" : "no")"])
    }
}
