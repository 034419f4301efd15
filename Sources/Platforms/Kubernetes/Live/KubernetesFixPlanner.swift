import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules

/// Plans the Kubernetes changes Workflow's fixes make, pinned to one target. Each command is
/// the form the Workflow docs give, plus the pinned `--kubeconfig`/`--context`; each has a
/// server dry run, a live precondition and a read-back.
public struct KubernetesFixPlanner: Sendable {
    public var target: KubeTarget

    public init(target: KubeTarget) {
        self.target = target
    }

    /// `kubectl --namespace=NS scale --replicas=N deployment/NAME`, for a workload named `NS/NAME`.
    public func planScale(workload: String, from: Int, to: Int, _ request: PlanRequest) -> Result<FixPlan, FixRefusal> {
        guard let (ns, name) = Self.split(workload) else { return .failure(FixRefusal("\(workload) is not a NAMESPACE/DEPLOYMENT")) }
        let intent = FixIntent.scale(workload: workload, from: from, to: to)
        let args = ["--namespace=\(ns)", "scale", "--replicas=\(to)", "deployment/\(name)"]
        return .success(FixPlan(
            ruleID: request.ruleID, subject: request.subject, title: "Scale \(name) to \(to) replicas", risk: .low, intent: intent,
            changes: [.init(what: "\(ns)/\(name) spec.replicas", from: String(from), to: String(to))],
            commands: [target.kubectl(args)],
            dryRunCommands: [target.kubectl(args + ["--dry-run=server"])],
            preconditions: [StateCheck(
                description: "\(ns)/\(name) still has \(from) desired replica(s)",
                command: target.rawGet(deploymentPath(ns, name)), jsonPath: ["spec", "replicas"], expected: String(from))],
            postconditions: [StateCheck(
                description: "\(ns)/\(name) has \(to) desired replica(s)",
                command: target.rawGet(deploymentPath(ns, name)), jsonPath: ["spec", "replicas"], expected: String(to))]
        ))
    }

    /// `kubectl set env deployment/NAME --containers=C VAR=VALUE -n NS` (or `VAR-` to unset).
    /// - Parameter note: a line for the preview, e.g. that `helm upgrade` would revert it.
    public func planEnv(_ setting: Setting, from: String?, to: String?, _ request: PlanRequest, note: String? = nil) -> Result<FixPlan, FixRefusal> {
        guard let (ns, deployment) = Self.split(setting.scope) else {
            return .failure(FixRefusal("\(setting.scope) is not a NAMESPACE/DEPLOYMENT"))
        }
        guard let container = setting.container else { return .failure(FixRefusal("no container named for \(setting.key) on \(setting.scope)")) }
        let intent = FixIntent.setSetting(setting, from: from, to: to)
        let variable = setting.key
        let assignment = to.map { "\(variable)=\($0)" } ?? "\(variable)-"
        let args = ["set", "env", "deployment/\(deployment)", "--containers=\(container)", assignment, "-n", ns]
        let path = ["spec", "template", "spec", "containers", "[name=\(container)]", "env", "[name=\(variable)]", "value"]
        var changes = [FixPlan.Change(what: "\(ns)/\(deployment) env \(variable)", from: from ?? "(unset)", to: to ?? "(unset)")]
        if let note { changes.append(.init(what: "lasts until", from: "-", to: note)) }
        return .success(FixPlan(
            ruleID: request.ruleID, subject: request.subject, title: "Set \(variable)=\(to ?? "(unset)") on \(deployment)", risk: .low, intent: intent,
            changes: changes,
            commands: [target.kubectl(args)],
            dryRunCommands: [target.kubectl(args + ["--dry-run=server"])],
            preconditions: [StateCheck(description: "\(variable) on \(deployment) is still \(from ?? "unset")",
                                       command: target.rawGet(deploymentPath(ns, deployment)), jsonPath: path, expected: from)],
            postconditions: [StateCheck(description: "\(variable) on \(deployment) is \(to ?? "unset")",
                                        command: target.rawGet(deploymentPath(ns, deployment)), jsonPath: path, expected: to)]
        ))
    }

    /// `kubectl annotate deployment/NAME KEY=VALUE --overwrite -n NS` (or `KEY-` to remove it),
    /// for a setting `NS/NAME` keyed by the annotation.
    public func planAnnotation(_ setting: Setting, from: String?, to: String?, _ request: PlanRequest, note: String? = nil) -> Result<FixPlan, FixRefusal> {
        guard let (ns, deployment) = Self.split(setting.scope) else {
            return .failure(FixRefusal("\(setting.scope) is not a NAMESPACE/DEPLOYMENT"))
        }
        let key = setting.key
        let assignment = to.map { "\(key)=\($0)" } ?? "\(key)-"
        let args = ["annotate", "deployment/\(deployment)", assignment, "--overwrite", "-n", ns]
        let path = ["metadata", "annotations", key]
        var changes = [FixPlan.Change(what: "\(ns)/\(deployment) annotation \(key)", from: from ?? "(unset)", to: to ?? "(unset)")]
        if let note { changes.append(.init(what: "lasts", from: "-", to: note)) }
        return .success(FixPlan(
            ruleID: request.ruleID, subject: request.subject, title: "Annotate \(deployment) \(key)=\(to ?? "(unset)")", risk: .low,
            intent: .setSetting(setting, from: from, to: to), changes: changes,
            commands: [target.kubectl(args)], dryRunCommands: [target.kubectl(args + ["--dry-run=server"])],
            preconditions: [StateCheck(description: "\(key) on \(deployment) is still \(from ?? "unset")",
                                       command: target.rawGet(deploymentPath(ns, deployment)), jsonPath: path, expected: from)],
            postconditions: [StateCheck(description: "\(key) on \(deployment) is \(to ?? "unset")",
                                        command: target.rawGet(deploymentPath(ns, deployment)), jsonPath: path, expected: to)]))
    }

    func deploymentPath(_ ns: String, _ name: String) -> String {
        "/apis/apps/v1/namespaces/\(ns)/deployments/\(name)"
    }

    /// `deis/deis-router` → ("deis", "deis-router").
    static func split(_ workload: String) -> (String, String)? {
        let parts = workload.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }
}
