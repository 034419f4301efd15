/// What a rule asks to change, independent of how. A platform adapter that has the
/// capability turns it into a `FixPlan`; rules never name commands.
public enum FixIntent: Sendable, Hashable, Codable {
    /// Set a deployment's replica count (`from` is what the rule saw).
    case scaleDeployment(namespace: String, name: String, from: Int, to: Int)
    /// Set one env variable of a deployment's container (`from` nil = unset).
    case setDeploymentEnv(namespace: String, deployment: String, container: String, variable: String, from: String?, to: String?)

    /// One line for menus and dialogs.
    public var summary: String {
        switch self {
        case .scaleDeployment(let ns, let name, let from, let to):
            return "scale \(ns)/\(name) from \(from) to \(to) replicas"
        case .setDeploymentEnv(let ns, let deployment, _, let variable, let from, let to):
            return "set \(variable) on \(ns)/\(deployment): \(from ?? "(unset)") → \(to ?? "(unset)")"
        }
    }

    /// The intent that puts things back as they were.
    public var inverse: FixIntent {
        switch self {
        case .scaleDeployment(let ns, let name, let from, let to):
            return .scaleDeployment(namespace: ns, name: name, from: to, to: from)
        case .setDeploymentEnv(let ns, let deployment, let container, let variable, let from, let to):
            return .setDeploymentEnv(namespace: ns, deployment: deployment, container: container, variable: variable, from: to, to: from)
        }
    }
}
