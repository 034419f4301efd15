import ShipshapeCore
import PaneKit
import WorkflowRules
import KubernetesRules

/// Router scale: desired vs ready replicas of deis-router, and where each pod runs.
public enum RouterPane {
    static let columns: [ListColumn<KubePod>] = [
        ListColumn("POD", .slack(min: 12)) { Cell($0.name) },
        ListColumn("NODE", .fit(max: 24)) { Cell($0.nodeName ?? "-", .dim) },
        ListColumn("READY", .fit(max: 5)) { $0.ready ? Cell("yes", .ok) : Cell("no", .error) },
    ]

    public static func source(state: KubernetesState?, pods: [KubePod], minimum: Int) -> ListSource<KubePod> {
        let error = state?.deployments.error?.message ?? state?.pods.error?.message
        let empty = state == nil ? "loading…" : state?.deployment("deis-router") == nil ? "no deis-router deployment" : "no router pods"
        var summary: [Cell]?
        if let router = state?.deployment("deis-router") {
            let nodes = Set(pods.filter(\.ready).compactMap(\.nodeName)).count
            let healthy = router.desiredReplicas >= minimum && router.readyReplicas >= minimum && nodes >= min(minimum, 2)
            summary = [Cell("deis-router  replicas \(router.readyReplicas)/\(router.desiredReplicas) ready · \(nodes) node(s) · want ≥\(minimum)",
                            healthy ? .ok : .error)]
        }
        return ListSource(title: "Router scale", columns: columns, rows: error == nil ? pods : [], errorText: error, emptyText: empty,
                          summary: summary, details: { pod in
            (pod.name, ["Pod:    \(pod.name)", "Node:   \(pod.nodeName ?? "-")", "Phase:  \(pod.phase)", "Ready:  \(pod.ready ? "yes" : "no")"])
        })
    }
}
