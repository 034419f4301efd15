import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules

/// Docker Swarm as MedStack Control runs it (seed 003), read and changed through one
/// manager's docker CLI pinned by `--host`. Drains and activates nodes (the maintenance flow);
/// adds and removes placement constraints (refused when no worker could take the tasks);
/// changes a service's update order.
public struct SwarmAdapter: PlatformAdapter, NodeMaintenance, PlacementConstraining, RolloutOrdering {
    public let target: Target
    public let runner: any CommandRunner
    public let docker: DockerTarget

    public init(target: Target, docker: DockerTarget, runner: any CommandRunner) {
        var target = target
        target.docker = docker
        self.target = target
        self.docker = docker
        self.runner = runner
    }

    public func probe() async -> ClusterState {
        var state = ClusterState(target: target)
        state.swarm = await SwarmProbe(runner: runner, target: docker, switchoverHostname: target.labels[SwarmDNSAnswer.label]).probe()
        return state
    }

    func planner(_ request: PlanRequest) -> SwarmFixPlanner {
        SwarmFixPlanner(target: docker, state: request.state?.swarm.value, records: request.state?.records.value,
                        cluster: target.name, operatorName: request.operatorName)
    }

    public func planAvailability(node: String, from: String, to: String, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        planner(request).planAvailability(node: node, from: from, to: to, ruleID: request.ruleID, subject: request.subject)
    }

    public func planUpdateOrder(service: String, from: String, to: String, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        planner(request).planUpdateOrder(service: service, from: from, to: to, ruleID: request.ruleID, subject: request.subject)
    }

    public func planConstraint(service: String, constraint: String, adding: Bool, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        planner(request).planConstraint(service: service, constraint: constraint, adding: adding, ruleID: request.ruleID, subject: request.subject)
    }
}
