/// Turns fix intents into kubectl plans pinned to one target. Each command is the
/// form the Workflow docs give, plus the pinned `--kubeconfig`/`--context`.
public struct KubernetesFixPlanner: Sendable {
    public var target: KubeTarget

    public init(target: KubeTarget) {
        self.target = target
    }

    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        switch intent {
        case .scaleDeployment(let ns, let name, let from, let to):
            let args = ["--namespace=\(ns)", "scale", "--replicas=\(to)", "deployment/\(name)"]
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Scale \(name) to \(to) replicas", risk: .low, intent: intent,
                changes: [.init(what: "\(ns)/\(name) spec.replicas", from: String(from), to: String(to))],
                commands: [target.kubectl(args)],
                dryRunCommands: [target.kubectl(args + ["--dry-run=server"])],
                preconditions: [StateCheck(
                    description: "\(ns)/\(name) still has \(from) desired replica(s)",
                    command: target.rawGet(deploymentPath(ns, name)), jsonPath: ["spec", "replicas"], expected: String(from))],
                postconditions: [StateCheck(
                    description: "\(ns)/\(name) has \(to) desired replica(s)",
                    command: target.rawGet(deploymentPath(ns, name)), jsonPath: ["spec", "replicas"], expected: String(to))]
            )
        case .setDeploymentEnv(let ns, let deployment, let container, let variable, let from, let to):
            let assignment = to.map { "\(variable)=\($0)" } ?? "\(variable)-"
            let args = ["set", "env", "deployment/\(deployment)", "--containers=\(container)", assignment, "-n", ns]
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Set \(variable)=\(to ?? "(unset)") on \(deployment)", risk: .low, intent: intent,
                changes: [.init(what: "\(ns)/\(deployment) env \(variable)", from: from ?? "(unset)", to: to ?? "(unset)")],
                commands: [target.kubectl(args)],
                dryRunCommands: [target.kubectl(args + ["--dry-run=server"])],
                preconditions: [StateCheck(
                    description: "\(variable) on \(deployment) is still \(from ?? "unset")",
                    command: target.rawGet(deploymentPath(ns, deployment)),
                    jsonPath: ["spec", "template", "spec", "containers", "[name=\(container)]", "env", "[name=\(variable)]", "value"],
                    expected: from)],
                postconditions: [StateCheck(
                    description: "\(variable) on \(deployment) is \(to ?? "unset")",
                    command: target.rawGet(deploymentPath(ns, deployment)),
                    jsonPath: ["spec", "template", "spec", "containers", "[name=\(container)]", "env", "[name=\(variable)]", "value"],
                    expected: to)]
            )
        default:
            return nil
        }
    }

    func deploymentPath(_ ns: String, _ name: String) -> String {
        "/apis/apps/v1/namespaces/\(ns)/deployments/\(name)"
    }
}
