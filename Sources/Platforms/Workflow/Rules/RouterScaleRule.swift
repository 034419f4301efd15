import ShipshapeCore
import KubernetesRules
import EtcdRules
/// WF-ROUTER-SCALE: one router is a single point of failure for every app.
public struct RouterScaleRule: Rule {
    public let info = RuleInfo(
        id: "WF-ROUTER-SCALE", title: "Routers are scaled out", severity: .error, platforms: [.workflow],
        seed: "002 production-deployments.md — Scale Routers",
        rationale: "All app traffic enters through deis-router; with one replica, losing its node or a rollout takes every app offline. Run at least 2 replicas on different nodes."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "\(WorkflowNames.namespace)/\(WorkflowNames.router)"
        let k = state.kubernetes
        if let error = k.deployments.error { return [unreadable(error, subject: subject)] }
        guard let deployments = k.deployments.value else { return [] }
        guard let router = deployments.first(where: { $0.name == WorkflowNames.router }) else {
            return [finding(.notApplicable, subject: subject, "no deis-router deployment (native ingress?)")]
        }
        let want = policy.minRouterReplicas
        let fix = FixIntent.scale(workload: "\(router.namespace)/\(router.name)", from: router.desiredReplicas, to: want)
        if router.desiredReplicas < want {
            return [finding(.fail, subject: subject, "\(router.desiredReplicas) desired replica(s), want at least \(want)", fix: fix)]
        }
        if router.readyReplicas < want {
            return [finding(.fail, subject: subject, "\(router.readyReplicas) of \(router.desiredReplicas) replicas ready, want at least \(want)")]
        }
        if let pods = k.pods.value {
            let nodes = Set(pods.filter { $0.app == WorkflowNames.router && $0.ready }.compactMap(\.nodeName))
            if nodes.count < min(want, 2) {
                return [finding(.fail, subject: subject, "ready routers run on \(nodes.count) node(s); spread them over at least 2")]
            }
        }
        return [finding(.pass, subject: subject, "\(router.readyReplicas)/\(router.desiredReplicas) replicas ready")]
    }
}
