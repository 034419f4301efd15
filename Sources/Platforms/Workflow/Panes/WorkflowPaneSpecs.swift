import ShipshapeCore
import PaneKit
import KubernetesRules
import KubernetesPanes
import EtcdPanes
import WorkflowRules

/// Deis Workflow's panes, in screen order.
public enum WorkflowPaneSpecs {
    /// deis-router: desired and ready replicas, and which node each router pod runs on.
    public static let router = PaneSpec(kind: .router, title: "Router scale", column: 0) { context in
        let kubernetes = context.state?.kubernetes
        let pods = (kubernetes?.pods.value ?? []).filter { $0.app == WorkflowNames.router }
        return RouterPane.source(state: kubernetes, pods: pods, minimum: context.policy.minRouterReplicas)
    }

    public static let all = [KubernetesPaneSpecs.nodes, EtcdPaneSpecs.members, router, KubernetesPaneSpecs.backups]
}
